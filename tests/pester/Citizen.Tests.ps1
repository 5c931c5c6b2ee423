BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'The manifest' {
    BeforeAll { $manifest = Test-ModuleManifest -Path $ModulePath }

    It 'is gallery-ready' {
        $manifest.Version | Should -Be ([version](([xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ }))
        $manifest.Guid | Should -Not -Be ([guid]::Empty)
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.PrivateData.PSData.Tags | Should -Contain 'ACRCloud'
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'exports cmdlets by name only: no wildcards, functions, variables or aliases' {
        $data = Import-PowerShellDataFile $ModulePath
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.CmdletsToExport | ForEach-Object { $_ | Should -Not -Match '\*' }
        $data.FunctionsToExport | Should -BeNullOrEmpty
        $data.VariablesToExport | Should -BeNullOrEmpty
        $data.AliasesToExport | Should -BeNullOrEmpty
        ($data.CmdletsToExport | Sort-Object) | Should -Be ((Get-Command -Module AcrCloud).Name | Sort-Object)
    }

    It 'ships one assembly version, the manifest''s' {
        $version = (Test-ModuleManifest -Path $ModulePath).Version
        [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Split-Path $ModulePath) 'AcrCloud.dll')).Version.ToString(3) | Should -Be $version.ToString(3)
        [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Split-Path $ModulePath) 'Dependencies/AcrCloud.Engine.dll')).Version.ToString(3) | Should -Be $version.ToString(3)
    }

    It 'comes with a licence' {
        Join-Path $PSScriptRoot '../../LICENSE' | Should -Exist
    }
}

Describe 'Format views' {
    BeforeAll {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01)
    }

    It 'shows a result record as a compact table row' {
        $table = $records | Out-String -Width 200
        $table | Should -Match 'StartUtc\s+Sec\s+Title\s+Artists\s+Score\s+StreamId'
        $table | Should -Match '2024-03-01 22:58:41\s+187\s+Nachtzug nach Bern\s+Mira Keller; The Aare Collective\s+100\s+s-fixture'
        $table | Should -Match 'Station ID Morning\s+In-house\s+88'
    }

    It 'still shows every JSON property with Format-List *' {
        $list = $records[0] | Format-List * | Out-String -Width 200
        foreach ($name in 'status', 'result_type', 'metadata', 'ProjectId', 'StreamId') { $list | Should -Match "(?m)^$name\s*:" }
    }

    It 'loads its views into a new session on first use without touching the caller''s variables' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $connection)
                Import-Module $module
                $path = '/api/bm-cs-projects/1001'
                $args = 'untouched'
                $first = (Invoke-AcrCloudRequest -Path $path -Connection $connection).data.name
                "$first|$path|$args|" + ((Get-FormatData -TypeName AcrCloud.BmCsResult).TypeNames -join ',')
            }).AddArgument($ModulePath).AddArgument((Get-AcrCloudContext))
        $result = $ps.Invoke()
        $ps.Dispose()
        $result | Should -Be 'Radio Aare|/api/bm-cs-projects/1001|untouched|AcrCloud.BmCsResult'
    }

    It 'shows plays, projects, streams and the connection as tables' {
        ($records | ConvertTo-AcrBmCsPlay | Out-String -Width 200) | Should -Match 'StartLocal\s+Sec\s+Kind\s+Title'
        (Get-AcrBmCsProject -ProjectId 1001 | Out-String -Width 200) | Should -Match '1001\s+Radio Aare\s+eu-west-1'
        (Get-AcrBmCsStream -ProjectId 1002 | Out-String -Width 200) | Should -Match 's-onda-\d\s+\S'
        (Get-AcrCloudContext | Out-String -Width 200) | Should -Match 'BaseUrl\s+MaxRetries\s+BackoffFactor\s+TimeoutSec'
    }
}

Describe 'Tab completion' {
    BeforeEach {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        Reset-StandIn -StandIn $standIn
    }

    It 'completes -ProjectId from the API, and uses its cache the second time' {
        $matches1 = Get-Completion 'Get-AcrBmCsResult -ProjectId 100'
        $matches1.CompletionText | Should -Be @('1001', '1002', '1003')
        $matches1[0].ToolTip | Should -Match 'Radio Aare'
        $before = @(Get-StandInRequest -StandIn $standIn).Count
        $before | Should -BeGreaterThan 0
        $null = Get-Completion 'Get-AcrBmCsStream -ProjectId 10'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be $before
    }

    It 'completes -StreamId with the streams of the -ProjectId on the line' {
        (Get-Completion 'Get-AcrBmCsResult -ProjectId 1002 -StreamId s-').CompletionText | Should -Be @('s-onda-3', 's-onda-2', 's-onda-1')
        (Get-Completion 'Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-k').CompletionText | Should -Be @('s-aare-klassik')
    }

    It 'completes -TimeZone, -Type and -Method' {
        (Get-Completion 'Get-AcrBmCsResult -ProjectId 1 -StreamId x -From 2026-11-01 -TimeZone Europe/Zu').CompletionText | Should -Contain 'Europe/Zurich'
        (Get-Completion 'ConvertTo-AcrBmCsPlay -TimeZone Europe/Zu').CompletionText | Should -Contain 'Europe/Zurich'
        (Get-Completion 'Get-AcrBmCsResult -Type L').CompletionText | Should -Be @('Last')
        (Get-Completion 'Invoke-AcrCloudRequest x -Method Pa').CompletionText | Should -Be @('Patch')
    }

    It 'stays quiet when not connected or when the API fails' {
        Disconnect-AcrCloud
        Get-Completion 'Get-AcrBmCsResult -ProjectId 9' | Should -BeNullOrEmpty
        Connect-AcrCloud -BearerToken 'wrong' -BaseUrl $standIn.Url
        { Get-Completion 'Get-AcrBmCsStream -ProjectId 3' } | Should -Not -Throw
        Get-Completion 'Get-AcrBmCsStream -ProjectId 3' | Should -BeNullOrEmpty
    }
}

Describe 'Import and removal' {
    It 'can be removed and imported again in the same session' {
        $script = "Import-Module '$ModulePath'; Remove-Module AcrCloud; Import-Module '$ModulePath'; (Get-Command Get-AcrBmCsResult).Source"
        $output = Invoke-FreshPwsh $script
        $output | Should -Be 'AcrCloud'
    }
}
