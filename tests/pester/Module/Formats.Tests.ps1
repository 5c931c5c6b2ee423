BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
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
        ($records | ConvertTo-AcrBmCsPlay | Out-String -Width 200) | Should -Match 'StartLocal\s+DurationSec\s+Kind\s+Title'
        (Get-AcrBmCsProject -ProjectId 1001 | Out-String -Width 200) | Should -Match '1001\s+Radio Aare\s+eu-west-1'
        (Get-AcrBmCsStream -ProjectId 1002 | Out-String -Width 200) | Should -Match 's-onda-\d\s+\S'
        (Get-AcrCloudContext | Out-String -Width 200) | Should -Match 'BaseUrl\s+MaxRetries\s+BackoffFactor\s+TimeoutSec'
    }
}

Describe 'Column labels' {
    BeforeAll {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        [xml] $formats = Get-Content -Raw (Join-Path (Split-Path $ModulePath) 'AcrCloud.format.ps1xml')
        $samples = @{
            'AcrCloud.BmCsProject'                = Get-AcrBmCsProject -ProjectId 1002
            'AcrCloud.BmCsStream'                 = Get-AcrBmCsStream -ProjectId 1002 -StreamId s-onda-1
            'AcrCloud.PowerShell.AcrBmCsPlay'     = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-02 | ConvertTo-AcrBmCsPlay | Select-Object -First 1
            'AcrCloud.PowerShell.AcrCloudConnection' = Get-AcrCloudContext
            'AcrCloud.PowerShell.AcrBmCsPlaySummary' = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-02 | ConvertTo-AcrBmCsPlay | Measure-AcrBmCsPlay -GroupBy Day
        }
    }

    It 'labels every column of the <_> view with a property Sort-Object and Select-Object can use' -ForEach @(
        'AcrCloud.BmCsProject', 'AcrCloud.BmCsStream', 'AcrCloud.PowerShell.AcrBmCsPlay', 'AcrCloud.PowerShell.AcrCloudConnection',
        'AcrCloud.PowerShell.AcrBmCsPlaySummary') {
        $type = $_
        $view = $formats.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -eq $type }
        $labels = @($view.TableControl.TableHeaders.TableColumnHeader.Label)
        $labels.Count | Should -BeGreaterThan 2
        foreach ($label in $labels) {
            $samples[$type].PSObject.Properties[$label] | Should -Not -BeNullOrEmpty -Because "the column '$label' must be a property"
            (Select-Object -InputObject $samples[$type] -Property $label).$label | Should -Not -BeNullOrEmpty -Because "Select-Object $label must see it"
        }
    }
}

