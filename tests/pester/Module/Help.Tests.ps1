BeforeDiscovery {
    # One block per exported cmdlet and one test per parameter, so a failure names the cmdlet and parameter.
    $modulePath = if ($env:ACRCLOUD_TEST_MODULE) { $env:ACRCLOUD_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/AcrCloud/AcrCloud.psd1' }
    $common = 'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable',
    'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'WhatIf', 'Confirm'
    $module = Import-Module $modulePath -PassThru -Force
    $cmdlets = foreach ($cmdlet in $module.ExportedCmdlets.Values | Sort-Object Name) {
        @{
            Cmdlet     = $cmdlet.Name
            Parameters = @($cmdlet.Parameters.Values | Where-Object Name -NotIn $common | ForEach-Object { @{ Parameter = $_.Name } })
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $common = 'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable',
    'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'WhatIf', 'Confirm'
    $helpDirectory = Join-Path (Split-Path $ModulePath) 'en-US'

    function Get-TypeName([type] $Type) {
        # The help names a nullable value parameter by its value type, as Get-Command -Syntax does.
        $underlying = [Nullable]::GetUnderlyingType($Type)
        if ($underlying) { $underlying.Name } else { $Type.Name }
    }

    function Get-Text($Paragraphs) {
        (@($Paragraphs | Where-Object { $_ } | ForEach-Object Text) -join ' ').Trim()
    }

    function Get-ShownText([string] $Path) {
        # The MAML's text as Get-Help reads it: in the file itself a '<' of the text is written '&lt;'.
        if ($Path -like '*.xml') { ([xml](Get-Content -Raw $Path)).DocumentElement.InnerText } else { Get-Content -Raw $Path }
    }

    # What the code says of a parameter in each of its sets, as Get-Help writes it; one value when all sets agree.
    function Get-CodeAttribute([Management.Automation.ParameterMetadata] $Parameter, [scriptblock] $Describe) {
        @($Parameter.ParameterSets.Values | ForEach-Object $Describe | Select-Object -Unique)
    }
}

Describe 'The compiled help' {
    It 'is in the module''s en-US folder (run tools/Build-Help.ps1 after building)' {
        Join-Path $helpDirectory 'AcrCloud.dll-Help.xml' | Should -Exist
        Join-Path $helpDirectory 'about_AcrCloud.help.txt' | Should -Exist
    }

    It 'is well-formed XML in the MAML schema' {
        $xml = [xml](Get-Content -Raw (Join-Path $helpDirectory 'AcrCloud.dll-Help.xml'))
        $xml.DocumentElement.LocalName | Should -Be 'helpItems'
        $xml.DocumentElement.schema | Should -Be 'maml'
        $commands = @($xml.DocumentElement.ChildNodes | Where-Object { $_.LocalName -eq 'command' -and $_.NamespaceURI -eq 'http://schemas.microsoft.com/maml/dev/command/2004/10' })
        $commands.Count | Should -Be (Get-Command -Module AcrCloud).Count
    }

    It 'shows none of the HTML comments of the markdown, such as the examples'' markers' {
        foreach ($file in Get-ChildItem $helpDirectory -File) {
            Get-ShownText $file.FullName | Should -Not -Match '<!--' -Because "$($file.Name) is what Get-Help shows"
        }
    }

    It 'drops a marker line above an example, in a cmdlet page and in an about topic, and keeps the example' {
        # Built from a copy, so that the marker reaches the compiler whether or not a page has one today.
        $module = Join-Path $TestDrive 'AcrCloud'
        $source = Join-Path $TestDrive 'help'
        Copy-Item -Recurse (Split-Path $ModulePath) $module
        Remove-Item -Recurse (Join-Path $module 'en-US')
        Copy-Item -Recurse (Join-Path $RepositoryRoot 'help/en-US') $source
        foreach ($name in 'Get-AcrBmCsProject.md', 'about_AcrCloud.help.md') {
            $page = Join-Path $source $name
            $text = (Get-Content -Raw $page) -replace '(?m)^(?=```powershell)', "<!-- example: skip (a marker) -->`n"
            Set-Content -Path $page -Value $text -NoNewline
        }
        & (Join-Path $RepositoryRoot 'tools/Build-Help.ps1') -SourceDirectory $source -OutputDirectory (Join-Path $module 'en-US')
        $maml = Get-ShownText (Join-Path $module 'en-US/AcrCloud.dll-Help.xml')
        $about = Get-ShownText (Join-Path $module 'en-US/about_AcrCloud.help.txt')
        $maml | Should -Not -Match '<!--|a marker'
        $about | Should -Not -Match '<!--|a marker'
        $maml | Should -Match ([regex]::Escape('$project = Get-AcrBmCsProject -ProjectId 12345'))
        $about | Should -Match ([regex]::Escape('Where-Object UptimePercent -lt 99'))
    }
}

Describe 'Help for <Cmdlet>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Cmdlet -Module AcrCloud
        $help = Get-Help $Cmdlet -Full
        $documented = @{}
        foreach ($entry in @($help.parameters.parameter | Where-Object { $_ })) { $documented[$entry.name] = $entry }
    }

    It 'comes from the help file, not from the code alone' {
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a synopsis' {
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Cmdlet *" -Because 'a synopsis that starts with the syntax was generated, not written'
    }

    It 'has a description' {
        Get-Text $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code that uses the cmdlet' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.title | Should -Match 'Example \d+: \S'
            $example.code | Should -Match ([regex]::Escape($Cmdlet))
        }
    }

    It 'has related links, about_AcrCloud among them' {
        $links = @($help.relatedLinks.navigationLink | Where-Object { $_ } | ForEach-Object linkText)
        $links | Should -Contain 'about_AcrCloud'
        foreach ($link in $links | Where-Object { $_ -ne 'about_AcrCloud' }) {
            Get-Command $link -Module AcrCloud -ErrorAction Ignore | Should -Not -BeNullOrEmpty -Because "the link '$link' should name a cmdlet of the module"
        }
    }

    It 'has a syntax block for each parameter set, with the code''s parameters' {
        $syntax = @($help.syntax.syntaxItem | Where-Object { $_ })
        $syntax.Count | Should -Be $command.ParameterSets.Count
        foreach ($set in $command.ParameterSets) {
            $expected = @($set.Parameters.Name | Where-Object { $_ -notin $common -or $_ -in 'WhatIf', 'Confirm' } | Sort-Object)
            $found = @($syntax | Where-Object { (@($_.parameter | Where-Object { $_ } | ForEach-Object name) | Sort-Object) -join ',' -eq ($expected -join ',') })
            $found.Count | Should -BeGreaterThan 0 -Because "the syntax should show the set '$($set.Name)': $($expected -join ', ')"
        }
    }

    It 'documents no parameter that the code does not have' {
        foreach ($name in $documented.Keys) {
            $command.Parameters.Keys | Should -Contain $name -Because "the help of $Cmdlet documents -$name"
        }
    }

    It 'documents -<Parameter> as the code declares it' -ForEach $Parameters {
        $entry = $documented[$Parameter]
        $entry | Should -Not -BeNullOrEmpty -Because "-$Parameter is a parameter of $Cmdlet"
        Get-Text $entry.description | Should -Not -BeNullOrEmpty
        $code = $command.Parameters[$Parameter]
        $entry.type.name | Should -Be (Get-TypeName $code.ParameterType)

        $required = @(Get-CodeAttribute $code { "$($_.IsMandatory)" })
        $position = @(Get-CodeAttribute $code { if ($_.Position -ge 0) { "$($_.Position)" } else { 'named' } })
        $pipeline = @(Get-CodeAttribute $code {
                $kinds = @(if ($_.ValueFromPipeline) { 'ByValue' }; if ($_.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
                if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
            })
        foreach ($attribute in @{ Name = 'required'; Code = $required }, @{ Name = 'position'; Code = $position }, @{ Name = 'pipelineInput'; Code = $pipeline }) {
            $attribute.Code.Count | Should -Be 1 -Because "the help has one '$($attribute.Name)' for -$Parameter, but its sets differ: $($attribute.Code -join ' / ')"
            $entry.($attribute.Name) | Should -Be $attribute.Code[0] -Because "'$($attribute.Name)' of -$Parameter"
        }

        $aliases = if ($code.Aliases.Count) { $code.Aliases -join ', ' } else { 'none' }
        $entry.aliases | Should -Be $aliases

        $type = if ([Nullable]::GetUnderlyingType($code.ParameterType)) { [Nullable]::GetUnderlyingType($code.ParameterType) } else { $code.ParameterType }
        $accepted = @($code.Attributes | Where-Object { $_ -is [ValidateSet] } | ForEach-Object ValidValues)
        if (-not $accepted -and $type.IsEnum) { $accepted = [enum]::GetNames($type) }
        $inHelp = @($entry.PSObject.Properties['parameterValueGroup'] | ForEach-Object { $_.Value.parameterValue } | Where-Object { $_ } | ForEach-Object { "$_" })
        ($inHelp -join ', ') | Should -Be ($accepted -join ', ') -Because "the accepted values of -$Parameter"
    }
}

Describe 'Help from one source' {
    BeforeAll {
        $sourceDirectory = Join-Path $RepositoryRoot 'help/en-US'
        $shared = Get-Content -Raw (Join-Path $sourceDirectory 'Shared/Parameters.md')
    }

    It 'restates nothing the code knows: no page has a yaml block' {
        foreach ($page in Get-ChildItem $sourceDirectory -Filter *.md -File) {
            Get-Content -Raw $page.FullName | Should -Not -Match '```yaml' -Because "$($page.Name) would repeat what the code declares"
        }
    }

    It 'takes a default from the code''s PSDefaultValue' {
        $code = (Get-Command Get-AcrBmCsResult).Parameters['ThrottleLimit'].Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] }
        $code.Help | Should -Be '8'
        (Get-Help Get-AcrBmCsResult -Parameter ThrottleLimit).defaultValue | Should -Be $code.Help
        (Get-Help Connect-AcrCloud -Parameter BaseUrl).defaultValue | Should -Be 'https://eu-api-v2.acrcloud.com'
    }

    It 'writes shared parameter text once and gives it to every cmdlet that has the parameter' {
        $shared | Should -Match '### -Connection'
        $expected = ([regex]::Match($shared, '(?s)### -MaxRetries\s*\n(.*?)(\n### |\z)').Groups[1].Value -replace '\s+', ' ').Trim()
        foreach ($cmdlet in 'Get-AcrBmCsResult', 'Get-AcrBmCsProject', 'Invoke-AcrCloudRequest') {
            $text = ((Get-Help $cmdlet -Parameter MaxRetries).description.Text -join ' ') -replace '\s+', ' '
            $text.Trim() | Should -Be $expected -Because "$cmdlet takes -MaxRetries from the shared text"
        }
        (Get-ChildItem $sourceDirectory -Filter *.md -File | Select-String -Pattern '^### -MaxRetries$').Filename | Should -Be 'Connect-AcrCloud.md'
    }
}

Describe 'about_AcrCloud' {
    It 'is found by Get-Help and covers connecting, retries and parallel runbooks' {
        # Line breaks of the 80-column text may fall inside a phrase.
        $text = (Get-Help about_AcrCloud | Out-String) -replace '\s+', ' '
        $text | Should -Match 'about_AcrCloud'
        $text | Should -Match 'Connect-AcrCloud'
        $text | Should -Match 'Retry-After'
        $text | Should -Match 'ForEach-Object -Parallel'
    }

    It 'names every cmdlet of the module' {
        $text = Get-Help about_AcrCloud | Out-String
        foreach ($name in (Get-Command -Module AcrCloud).Name) { $text | Should -Match ([regex]::Escape($name)) }
    }
}
