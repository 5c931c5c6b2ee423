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
        Get-AcrBmCsProject -Region us-west-2 | Get-AcrBmCsStream | Get-AcrBmCsResult -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich | ConvertTo-AcrBmCsPlay -MergeConsecutive | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -BeGreaterThan 100
        $rows[0].PSObject.Properties.Name | Should -Be @('ProjectId', 'StreamId', 'StreamName', 'StartUtc', 'EndUtc', 'StartLocal', 'UtcOffset', 'DurationSec', 'Kind', 'Title',
            'Artists', 'Album', 'Label', 'Isrc', 'Iswc', 'Upc', 'CatalogNumber', 'Composers', 'Lyricists', 'Writers', 'Genres', 'Language', 'ReleaseDate', 'Acrid', 'Score')
        # The streams were piped in, so their names are known; the zone comes with the records.
        $rows[0].StreamName | Should -Not -BeNullOrEmpty
        $rows[0].UtcOffset | Should -Be '01:00:00'
        $rows | ForEach-Object { ([datetime]$_.StartLocal).Month | Should -Be 11 }

        $streams = @(Get-AcrBmCsProject -Region us-west-2 | Get-AcrBmCsStream)
        ($rows.StreamId | Select-Object -Unique) | Should -Be @($streams.stream_id | Where-Object { $_ -in $rows.StreamId })
        $unmerged = @(Get-AcrBmCsResult -ProjectId $streams[0].mcp_id -StreamId $streams[0].stream_id -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich | ConvertTo-AcrBmCsPlay)
        $mergedRows = @($rows | Where-Object StreamId -EQ $streams[0].stream_id)
        $mergedRows.Count | Should -BeLessOrEqual $unmerged.Count
        ($mergedRows | Measure-Object DurationSec -Sum).Sum | Should -Be ($unmerged | Measure-Object DurationSec -Sum).Sum
    }
}

Describe 'The broadcast-database monthly report' {
    It 'writes the SUISA month of the README as a workbook in one line' {
        Push-Location $TestDrive
        try {
            $file = Get-AcrBmCsProject -Region us-west-2 | Get-AcrBmCsStream |
                Get-AcrBmCsResult -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich |
                ConvertTo-AcrBmCsPlay -MergeConsecutive -TimeZone Europe/Zurich |
                Export-AcrBmCsPlay -Layout Suisa -StationName 'Radio X' -Path radio-x_2026_11.xlsx
        }
        finally { Pop-Location }
        $file.FullName | Should -Be (Join-Path $TestDrive 'radio-x_2026_11.xlsx')
        $zip = [IO.Compression.ZipFile]::OpenRead($file.FullName)
        try {
            $zip.Entries.FullName | Should -Contain 'xl/worksheets/sheet1.xml'
            $zip.Entries.FullName | Should -Contain 'xl/worksheets/sheet2.xml'
            $reader = [IO.StreamReader]::new($zip.GetEntry('xl/workbook.xml').Open())
            $workbook = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $workbook | Should -Match 'name="Sendemeldung"'
        $workbook | Should -Match 'name="Days"'
    }

    It 'runs from the channels to the CSV in one line, every channel''s rows in local November' {
        $csv = Join-Path $TestDrive 'channel-plays.csv'
        Get-AcrBmBdChannel -ProjectId 5002 | Get-AcrBmBdResult -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich |
            ConvertTo-AcrBmCsPlay -MergeConsecutive -TimeZone Europe/Zurich | Export-AcrBmCsPlay -Path $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -BeGreaterThan 1000
        ($rows.StreamId | Select-Object -Unique) | Should -Be @('301001', '301002')
        $rows.ProjectId | Select-Object -Unique | Should -Be '5002'
        $rows | ForEach-Object { ([datetimeoffset]$_.StartLocal).Month | Should -Be 11 }
        $rows.Kind | Select-Object -Unique | Should -Be 'Music'

        # 31 UTC days of each channel (31 Oct to 30 Nov), each asked once.
        $dates = @(Get-Requests $standIn | Where-Object path -Like '*/channels/*/results' | ForEach-Object { "$($_.path.Split('/')[-2])@$($_.Params.date)" })
        $dates.Count | Should -Be 62
        ($dates | Sort-Object -Unique).Count | Should -Be 62
    }
}
