BeforeDiscovery {
    # Every ```powershell block of the README and of the help pages is one test, found afresh at each run, so a new
    # example is run as soon as it is written.
    . (Join-Path $PSScriptRoot 'Read-DocExample.ps1')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
    $pages = @(Get-Item (Join-Path $root 'README.md')) + @(Get-ChildItem (Join-Path $root 'help/en-US') -Filter *.md -File | Sort-Object Name)
    $examples = foreach ($page in $pages) { Read-DocExample -Path $page.FullName -Root $root }
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'Read-DocExample.ps1')
    # A stand-in of its own, as the examples create, change and remove projects and streams; its bench streams are
    # small, so that the examples that read every stream of the account for a month stay quick.
    $standIn = Start-AcrCloudStandIn -ExtraArgument '--bench-records-per-day', '4', '--big-records-per-day', '8'
    $savedToken = $env:ACRCLOUD_BEARER_TOKEN
    $savedModulePath = $env:PSModulePath
    $env:ACRCLOUD_BEARER_TOKEN = $standIn.Token
    # As if the module were installed: Import-Module AcrCloud and the module loading in ForEach-Object -Parallel find it.
    $env:PSModulePath = (Split-Path (Split-Path $ModulePath)) + [IO.Path]::PathSeparator + $env:PSModulePath

    # The docs use an account's ids, paths and addresses; these are the stand-in's and the test drive's.
    # Each entry is a regular expression and its replacement (a string, or a script block given the match).
    $substitutions = @(
        , @('\b12345\b', '1001')
        , @('\b67890\b', '1002')
        , @('\b7890\b', '7002')                                  # the recording configuration of project 1002
        , @('s-abc123', 's-aare-pop')
        , @('s-def456', 's-aare-klassik')
        , @('s-ghi789', 's-aare-quiet')
        , @('s-old00(\d)', 's-aare-g0$1')
        , @('http://127\.0\.0\.1:5080', $standIn.Url)
        , @('https://api-v2\.acrcloud\.com', $standIn.Url)
        , @('D:\\acr-archive[^\s''"|]*', { '.' + ($_.Value.Substring(2) -replace '\\', '/') })
        , @('(?m)^Import-Module \./out/\S+', "Import-Module '$ModulePath'")
        , @('(?m)^dotnet .*$', '')                                # building and starting the stand-in: done above
    )

    # Files that examples read, written into the folder each example runs in; a page's own version comes first.
    $fixtures = @(
        @{ File = 'streams.csv'; Text = "Name,StreamUrl,ConfigId`nAare Test Eins,https://live.example/aare-1.mp3,7001`nAare Test Zwei,https://live.example/aare-2.aac,7001" }
        @{ File = 'projects.csv'; Page = 'Get-AcrBmCsProject.md'; Text = "ProjectId`n1001`n1002`n99999" }
        @{ File = 'projects.csv'; Text = "Name,Region,MetadataTemplate`nRadio Test Bern,eu-west-1,station_code`nRadio Test Lugano,eu-west-1," }
        @{ File = 'gone.csv'; Text = "ProjectId,StreamId`n1001,s-aare-g01`n1001,s-aare-g02" }
        @{ File = 'renames.csv'; Text = "ProjectId,StreamId,Name`n1001,s-aare-g01,Aare Regional Eins`n1001,s-aare-g02,Aare Regional Zwei" }
    )
    $archive = Join-Path $TestDrive 'fixture-archive'
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
    $null = Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -From 2026-11-01 -To 2026-11-30 -Path $archive

    function ConvertTo-StandInExample([string] $Code) {
        foreach ($s in $substitutions) { $Code = $Code -replace $s[0], $s[1] }
        $Code
    }

    function New-ExampleFolder([string] $Example, [string] $Page, [string] $Code) {
        $folder = Join-Path $TestDrive ($Example -replace '[^\w.-]', '_')
        $null = New-Item -ItemType Directory -Path $folder -Force
        foreach ($name in $fixtures.File | Select-Object -Unique) {
            $fixture = @($fixtures | Where-Object { $_.File -eq $name -and $_.Page -eq $Page }) + @($fixtures | Where-Object { $_.File -eq $name -and -not $_.Page })
            Set-Content -Path (Join-Path $folder $name) -Value $fixture[0].Text -Encoding utf8
        }
        if ($Code -match 'acr-archive') { Copy-Item -Recurse $archive (Join-Path $folder 'acr-archive') }
        $folder
    }

    function Invoke-Example([string] $Code, [string] $Folder) {
        # What a reader has at hand: a token typed at a prompt or kept in a secret store, a $token, and a "yes" to
        # every confirmation (the examples that ask first say so; -WhatIf still only shows).
        function Read-Host { ConvertTo-SecureString $standIn.Token -AsPlainText -Force }
        function Get-Secret { ConvertTo-SecureString $standIn.Token -AsPlainText -Force }
        $token = $standIn.Token
        $ConfirmPreference = 'None'
        $ErrorActionPreference = 'Continue'
        $PSDefaultParameterValues['Connect-AcrCloud:BaseUrl'] = $standIn.Url
        $errors = [Collections.Generic.List[object]]::new()
        $text = ''
        Push-Location $Folder
        $Error.Clear()
        try {
            # Every stream, so that verbose and warning lines are kept with the example instead of filling the run's log.
            $output = @(& ([scriptblock]::Create($Code)) *>&1)
            foreach ($item in $output | Where-Object { $_ -is [Management.Automation.ErrorRecord] }) { $errors.Add($item) }
            # Errors that never reach the stream count too: a calculated property that fails leaves $null and only an
            # entry in $Error, and so do -ErrorAction SilentlyContinue and a caught exception.
            foreach ($item in $Error | Where-Object { $_ -is [Management.Automation.ErrorRecord] -and -not $errors.Contains($_) }) { $errors.Add($item) }
            # Formatted as a console would show it, so that a view that fails to render fails the example.
            $text = $output | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | Out-String -Width 200
        }
        catch { $errors.Add($_) }
        finally {
            Pop-Location
            $PSDefaultParameterValues.Remove('Connect-AcrCloud:BaseUrl')
        }
        [pscustomobject]@{ Errors = $errors.ToArray(); Text = $text; Output = @($output | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] }); Folder = $Folder }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $env:ACRCLOUD_BEARER_TOKEN = $savedToken
    $env:PSModulePath = $savedModulePath
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Examples of the docs run against the stand-in' {
    It '<Example>' -ForEach $examples {
        if ($Marker -and -not $Skip -and -not $ErrorId) {
            throw "$Example has the marker '$Marker': it must read 'skip (reason)' or 'error ErrorId' (help/README.md)."
        }
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        # Each example starts from the seeded account and a connection of its own.
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        $code = ConvertTo-StandInExample $Code
        $result = Invoke-Example $code (New-ExampleFolder $Example $Page $code)
        $ids = @($result.Errors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        if ($ErrorId) {
            $ids | Should -Not -BeNullOrEmpty -Because "$Example shows the error $ErrorId"
            $ids | Select-Object -Unique | Should -Be $ErrorId
        }
        else {
            $result.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        }
    }
}

Describe 'The README''s first steps give what they promise' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
    }

    It 'runs "Try it without an account": every stream of the account and plays of a day' -ForEach @($examples | Where-Object { $_.Page -eq 'README.md' -and $_.Heading -eq 'Try it without an account' }) {
        $code = ConvertTo-StandInExample $Code
        $result = Invoke-Example $code (New-ExampleFolder "$Example-promise" $Page $code)
        $result.Errors | Should -BeNullOrEmpty
        @($result.Output | Where-Object { $_.PSObject.TypeNames -contains 'AcrCloud.BmCsStream' }).Count | Should -BeGreaterThan 10
        @($result.Output | Where-Object { $_ -is [AcrCloud.PowerShell.AcrBmCsPlay] }).Count | Should -BeGreaterThan 0
    }

    It 'runs the quick start: rows with seconds and titles, custom files included, and the day saved as JSON' -ForEach @($examples | Where-Object { $_.Page -eq 'README.md' -and $_.Heading -eq 'Quick start' }) {
        $code = ConvertTo-StandInExample $Code
        $result = Invoke-Example $code (New-ExampleFolder "$Example-promise" $Page $code)
        $result.Errors | Should -BeNullOrEmpty
        $rows = @($result.Output | Where-Object { $_.PSObject.Properties.Name -contains 'Seconds' })
        $rows.Count | Should -BeGreaterThan 0
        @($rows | Where-Object { -not $_.Title }) | Should -BeNullOrEmpty
        $saved = Get-Content -Raw (Join-Path $result.Folder 'yesterday.json') | ConvertFrom-Json -AsHashtable -NoEnumerate
        $saved.Count | Should -BeGreaterThan 0
    }
}

Describe 'How the examples are found and judged' {
    It 'takes every powershell fence, with the marker right above it and nothing else' {
        $page = Join-Path $TestDrive 'Page.md'
        $text = @(
            '# Page', '', '<!-- example: skip (needs the real service) -->', '```powershell', 'Get-AcrBmCsProject', '```', ''
            '<!-- example: error AcrCloud.NotFound -->', '```powershell', 'Get-AcrBmCsProject 99999', '```', ''
            '<!-- example: maybe -->', '```powershell', '1', '```', ''
            '<!-- example: skip (too far up) -->', '', '```powershell', '2', '3', '```', '```Output', '4', '```'
        )
        Set-Content -Path $page -Value $text
        $found = @(Read-DocExample -Path $page -Root $TestDrive)
        $found.Example | Should -Be 'Page.md:4', 'Page.md:9', 'Page.md:14', 'Page.md:20'
        $found[0].Skip | Should -Be 'needs the real service'
        $found[1].ErrorId | Should -Be 'AcrCloud.NotFound'
        $found[1].Skip | Should -BeNullOrEmpty
        $found[2].Marker | Should -Be 'maybe'
        $found[2].Skip + $found[2].ErrorId | Should -BeNullOrEmpty
        $found[3].Marker | Should -BeNullOrEmpty
        $found[3].Code | Should -Be "2`n3"
        $found.Heading | Select-Object -Unique | Should -Be 'Page'
    }

    It 'collects the error an example writes, the one it throws and those it silences' {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        $written = Invoke-Example "(Get-AcrBmCsProject -ProjectId 1001).name`nGet-AcrBmCsProject -ProjectId 99999" $TestDrive
        $written.Errors.FullyQualifiedErrorId | Should -Match '^AcrCloud\.NotFound,'
        $written.Text | Should -Match 'Radio Aare'
        (Invoke-Example "Get-AcrBmCsProject -ProjectId 99999 -ErrorAction Stop`n'not reached'" $TestDrive).Errors.Count | Should -Be 1
        # A silenced error is collected too, so an example that silences one on purpose names it in its marker.
        (Invoke-Example 'Get-AcrBmCsProject -ProjectId 99999 -ErrorAction SilentlyContinue' $TestDrive).Errors.FullyQualifiedErrorId | Should -Match '^AcrCloud\.NotFound,'
        # A calculated property that fails shows an empty column and nothing else: only $Error has it.
        $quiet = Invoke-Example "Get-AcrBmCsProject -ProjectId 1001 | Select-Object @{ n = 'First'; e = { `$_.nothing[0] } }" $TestDrive
        $quiet.Errors.FullyQualifiedErrorId | Should -Be 'NullArray'
    }
}
