BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'The monthly report pipeline' {
    It 'runs end to end in one line and writes a complete CSV' {
        $csv = Join-Path $TestDrive 'plays.csv'
        Get-AcrBmCsProject -Region us-west-2 | Get-AcrBmCsStream | Get-AcrBmCsResult -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich | ConvertTo-AcrBmCsPlay -MergeConsecutive -TimeZone Europe/Zurich | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -BeGreaterThan 100
        $rows[0].PSObject.Properties.Name | Should -Be @('ProjectId', 'StreamId', 'StartUtc', 'StartLocal', 'DurationSec', 'Kind', 'Title', 'Artists', 'Album', 'Label', 'Isrc', 'Upc', 'Composers', 'ReleaseDate', 'Acrid', 'Score')
        $rows | ForEach-Object { ([datetime]$_.StartLocal).Month | Should -Be 11 }

        $streams = @(Get-AcrBmCsProject -Region us-west-2 | Get-AcrBmCsStream)
        ($rows.StreamId | Select-Object -Unique) | Should -Be @($streams.stream_id | Where-Object { $_ -in $rows.StreamId })
        $unmerged = @(Get-AcrBmCsResult -ProjectId $streams[0].mcp_id -StreamId $streams[0].stream_id -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich | ConvertTo-AcrBmCsPlay)
        $mergedRows = @($rows | Where-Object StreamId -EQ $streams[0].stream_id)
        $mergedRows.Count | Should -BeLessOrEqual $unmerged.Count
        ($mergedRows | Measure-Object DurationSec -Sum).Sum | Should -Be ($unmerged | Measure-Object DurationSec -Sum).Sum
    }
}
