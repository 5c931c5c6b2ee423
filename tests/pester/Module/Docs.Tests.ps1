BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $readme = Get-Content -Raw (Join-Path $RepositoryRoot 'README.md')

    function Get-ReadmeBlock([string] $Heading) {
        # The first powershell code block under a "## Heading" of the README.
        $pattern = '(?ms)^## ' + [regex]::Escape($Heading) + '\s*$(.*?)(?=^## )'
        $section = [regex]::Match($readme, $pattern).Groups[1].Value
        $block = [regex]::Match($section, '(?ms)^```powershell\r?\n(.*?)^```').Groups[1].Value
        if (-not $block) { throw "No powershell block under '## $Heading'." }
        $block
    }

    function Invoke-ReadmeBlock([string] $Code) {
        # The README's example ids stand for an account's own; these are the stand-in's.
        $code = $Code -replace '\b12345\b', '1001' -replace 's-abc123', 's-aare-pop' -replace 's-def456', 's-aare-klassik'
        $code = $code -replace 'http://127\.0\.0\.1:5080', $standIn.Url -replace '(?m)^Import-Module .*$', "Import-Module '$ModulePath'"
        $code = $code -replace '(?m)^dotnet .*$', ''
        Push-Location $TestDrive
        try {
            # The quick start asks for the token at a prompt and uses the real service's address by default.
            $PSDefaultParameterValues['Connect-AcrCloud:BaseUrl'] = $standIn.Url
            function Read-Host { ConvertTo-SecureString $standIn.Token -AsPlainText -Force }
            $output = & ([scriptblock]::Create($code)) 2>&1
            $output
        }
        finally {
            $PSDefaultParameterValues.Remove('Connect-AcrCloud:BaseUrl')
            Pop-Location
        }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'The README runs' {
    It 'runs "Try it without an account" against the stand-in' {
        $output = @(Invoke-ReadmeBlock (Get-ReadmeBlock 'Try it without an account'))
        @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        @($output | Where-Object { $_.PSObject.TypeNames -contains 'AcrCloud.BmCsStream' }).Count | Should -BeGreaterThan 10
        @($output | Where-Object { $_ -is [AcrCloud.PowerShell.AcrBmCsPlay] }).Count | Should -BeGreaterThan 0
    }

    It 'runs the quick start against the stand-in, titles of custom files included' {
        $output = @(Invoke-ReadmeBlock (Get-ReadmeBlock 'Quick start'))
        @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $rows = @($output | Where-Object { $_.PSObject.Properties.Name -contains 'Seconds' })
        $rows.Count | Should -BeGreaterThan 0
        @($rows | Where-Object { -not $_.Title }) | Should -BeNullOrEmpty
        $saved = Get-Content -Raw (Join-Path $TestDrive 'yesterday.json') | ConvertFrom-Json -AsHashtable -NoEnumerate
        $saved.Count | Should -BeGreaterThan 0
    }
}

Describe 'The stand-in on its own' {
    BeforeAll { $dll = Join-Path $RepositoryRoot 'tests/AcrCloud.StandIn/bin/Release/net10.0/AcrCloud.StandIn.dll' }

    It 'explains itself with --help and starts nothing' {
        $text = & dotnet $dll --help
        $LASTEXITCODE | Should -Be 0
        ($text -join "`n") | Should -Match '--until-stopped'
        ($text -join "`n") | Should -Match 'Connect-AcrCloud -BearerToken test-token'
        @($text | Where-Object { $_ -match '^ACRCLOUD_STANDIN_URL=http' }) | Should -BeNullOrEmpty
    }

    It 'prints the token it expects and keeps running with --until-stopped when its input is closed' {
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in $dll, '--urls', 'http://127.0.0.1:0', '--token', 'try-me', '--until-stopped') { $info.ArgumentList.Add($a) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $process.StandardInput.Close()
            $url = $null; $token = $null
            while (-not $token) {
                $line = $process.StandardOutput.ReadLine()
                if ($null -eq $line) { break }
                if ($line -match '^ACRCLOUD_STANDIN_URL=(.+)$') { $url = $Matches[1].TrimEnd('/') }
                if ($line -match '^ACRCLOUD_STANDIN_TOKEN=(.+)$') { $token = $Matches[1] }
            }
            $token | Should -Be 'try-me'
            Start-Sleep -Milliseconds 500
            $process.HasExited | Should -BeFalse
            $answer = Invoke-RestMethod "$url/api/bm-cs-projects" -Headers @{ Authorization = "Bearer $token" }
            $answer.data.Count | Should -BeGreaterThan 0
        }
        finally {
            if (-not $process.HasExited) { $process.Kill() }
            $process.Dispose()
        }
    }
}
