BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0

    function Get-RawRecords([int] $ProjectId, [string] $StreamId, [string[]] $Dates) {
        # What the API sends, read without the module (as case-sensitive hashtables: custom files may hold "title" and "Title").
        foreach ($date in $Dates) {
            $raw = Invoke-WebRequest -Uri "$($standIn.Url)/api/bm-cs-projects/$ProjectId/streams/$StreamId/results?date=$date" -Headers @{ Authorization = "Bearer $($standIn.Token)" }
            ($raw.Content | ConvertFrom-Json -AsHashtable).data
        }
    }

    function Get-UtcStart($record) {
        [datetime]::ParseExact($record.metadata.timestamp_utc, 'yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture, 'AssumeUniversal,AdjustToUniversal')
    }

    function New-TestRecord([string] $StreamId, [string] $Acrid, [string] $Start, [int] $Seconds, [int] $ProjectId = 7) {
        [pscustomobject]@{
            metadata  = [pscustomobject]@{ timestamp_utc = $Start; played_duration = $Seconds; music = @([pscustomobject]@{ title = "T-$Acrid"; acrid = $Acrid }) }
            ProjectId = $ProjectId
            StreamId  = $StreamId
        }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmCsProject' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'returns every project of every page, none twice' {
        $projects = @(Get-AcrBmCsProject)
        $total = (Invoke-AcrCloudRequest /api/bm-cs-projects).meta.total
        $projects.Count | Should -Be $total
        ($projects.id | Sort-Object -Unique).Count | Should -Be $total
        @(Get-Requests $standIn).Count | Should -Be ([math]::Ceiling($total / 10) + 1)
        $projects[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmCsProject'
    }

    It 'filters by -Region on the server' {
        $projects = @(Get-AcrBmCsProject -Region us-west-2)
        $projects.region | Sort-Object -Unique | Should -Be 'us-west-2'
        (Get-Requests $standIn)[0].Params.region | Should -Be 'us-west-2'
    }

    It 'returns one project with -ProjectId, and a not-found error for an unknown one' {
        (Get-AcrBmCsProject -ProjectId 1001).name | Should -Be 'Radio Aare'
        Get-AcrBmCsProject -ProjectId 4242 -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
    }
}

Describe 'Get-AcrBmCsStream' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'returns every stream of every page, none twice' {
        $streams = @(Get-AcrBmCsStream -ProjectId 1001)
        $streams.Count | Should -Be 27
        ($streams.stream_id | Sort-Object -Unique).Count | Should -Be 27
        $streams[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmCsStream'
    }

    It 'takes project objects from the pipeline' {
        $streams = @(1001, 1002 | ForEach-Object { Get-AcrBmCsProject -ProjectId $_ } | Get-AcrBmCsStream)
        $streams.Count | Should -Be 30
        ($streams | Group-Object mcp_id).Name | Should -Be @('1001', '1002')
    }

    It 'maps -State, -Search, -Sort and -Order to the API''s parameters' {
        $streams = @(Get-AcrBmCsStream -ProjectId 1001 -State Running -Search aare -Sort name -Order asc)
        $params = (Get-Requests $standIn)[0].Params
        $params.state | Should -Be 'Running'
        $params.search_value | Should -Be 'aare'
        $params.sort | Should -Be 'name'
        $params.order | Should -Be 'asc'
        $streams.name | Should -Be ($streams.name | Sort-Object)
        $streams | ForEach-Object { $_.state | Should -Be 'Running' }
    }

    It 'returns one stream with -StreamId' {
        (Get-AcrBmCsStream -ProjectId 1001 -StreamId s-aare-klassik).name | Should -Be 'Aare Klassik — Zürich'
    }

    It 'feeds Get-AcrBmCsResult directly' {
        $records = @(Get-AcrBmCsStream -ProjectId 1002 | Get-AcrBmCsResult -Date 2026-11-02)
        $records.Count | Should -BeGreaterThan 0
        ($records.StreamId | Select-Object -Unique) | Should -Be @(Get-AcrBmCsStream -ProjectId 1002).stream_id
    }
}

Describe 'Get-AcrBmCsResult over local date ranges' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'trims to local days in Europe/Zurich across the end of summer time' {
        # 24 Oct 2026 starts at 22:00 UTC the day before (CEST, UTC+2); 26 Oct starts at 23:00 UTC on the 25th (CET, UTC+1).
        $start = [datetime]::new(2026, 10, 23, 22, 0, 0, [DateTimeKind]::Utc)
        $end = [datetime]::new(2026, 10, 25, 23, 0, 0, [DateTimeKind]::Utc)
        $expected = Get-RawRecords 1002 s-onda-1 '20261023', '20261024', '20261025' |
            Where-Object { $t = Get-UtcStart $_; $t -ge $start -and $t -lt $end }
        $actual = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-10-24 -To 2026-10-25 -TimeZone Europe/Zurich)
        $actual.Count | Should -Be @($expected).Count
        ($actual | ConvertTo-ApiJson) | Should -BeExactly ($expected | ForEach-Object { ConvertTo-Json -InputObject $_ -Depth 50 -Compress })
        @(Get-StandInRequest -StandIn $standIn | Where-Object path -Like '*/results').Count | Should -Be 6
    }

    It 'asks for every UTC day that overlaps the local range, each once' {
        $null = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-10-24 -To 2026-10-25 -TimeZone Europe/Zurich
        # Requests run concurrently, so they may arrive in any order; the output order is tested elsewhere.
        (Get-Requests $standIn).Params.date | Sort-Object | Should -Be @('20261023', '20261024', '20261025')
    }

    It 'keeps records just inside the edges and drops those just outside' {
        $records = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-2 -From 2026-10-01 -To 2026-10-31 -TimeZone Europe/Zurich)
        $dates = (Get-Requests $standIn | Where-Object path -Like '*/results').Params.date
        $zone = [TimeZoneInfo]::FindSystemTimeZoneById('Europe/Zurich')
        $local = $records | ForEach-Object { [TimeZoneInfo]::ConvertTimeFromUtc((Get-UtcStart $_), $zone) }
        $local | ForEach-Object { $_.Month | Should -Be 10 }
        $raw = @(Get-RawRecords 1002 s-onda-2 '20260930', '20261031')
        $inside = @($raw | Where-Object { [TimeZoneInfo]::ConvertTimeFromUtc((Get-UtcStart $_), $zone).Month -eq 10 })
        $outside = @($raw | Where-Object { [TimeZoneInfo]::ConvertTimeFromUtc((Get-UtcStart $_), $zone).Month -ne 10 })
        $outside.Count | Should -BeGreaterThan 0 -Because 'the edge UTC days hold records of September and November'
        $timestamps = $records.metadata.timestamp_utc
        $inside | ForEach-Object { $timestamps | Should -Contain $_.metadata.timestamp_utc }
        $outside | ForEach-Object { $timestamps | Should -Not -Contain $_.metadata.timestamp_utc }
        $dates.Count | Should -Be 32
        ($dates | Sort-Object -Unique).Count | Should -Be 32
        ($dates | Sort-Object)[0, -1] | Should -Be @('20260930', '20261031')
    }

    It 'treats UTC as the default zone' {
        $null = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-11-01 -To 2026-11-02
        (Get-Requests $standIn).Params.date | Sort-Object | Should -Be @('20261101', '20261102')
    }

    It 'accepts a Windows time zone id too' {
        $a = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-10-24 -TimeZone Europe/Zurich | ConvertTo-ApiJson
        $b = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-10-24 -TimeZone 'W. Europe Standard Time' | ConvertTo-ApiJson
        $b | Should -BeExactly $a
    }

    It 'rejects an unknown zone and a reversed range before sending anything' {
        { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-11-01 -TimeZone Mars/Olympus } | Should -Throw -ErrorId 'AcrCloud.UnknownTimeZone,*'
        { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-11-02 -To 2026-11-01 } | Should -Throw -ErrorId 'AcrCloud.InvalidDateRange,*'
        { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-11-02 -Date 2026-11-01 } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'shows progress of many requests, and none when $ProgressPreference says so' {
        foreach ($preference in 'Continue', 'SilentlyContinue') {
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                    param($module, $connection, $preference)
                    $ProgressPreference = $preference
                    Import-Module $module
                    $null = Get-AcrBmCsResult -Connection $connection -ProjectId 1002 -StreamId s-onda-1, s-onda-2 -From 2026-11-01 -To 2026-11-03
                }).AddArgument($ModulePath).AddArgument((Get-AcrCloudContext)).AddArgument($preference)
            $null = $ps.Invoke()
            $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Getting ACRCloud results')
            if ($preference -eq 'Continue') {
                $progress.Count | Should -BeGreaterOrEqual 6
                $progress[-1].RecordType | Should -Be 'Completed'
                $progress.StatusDescription | Should -Contain '6 of 6 stream-days'
            }
            else {
                $progress | Should -BeNullOrEmpty
            }
            $ps.Dispose()
        }
    }
}

Describe 'ConvertTo-AcrBmCsPlay' {
    BeforeAll {
        $rows = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
    }

    It 'flattens a music record with list identifiers' {
        $row = $rows[0]
        $row | Should -BeOfType ([AcrCloud.PowerShell.AcrBmCsPlay])
        $row.ProjectId | Should -Be 1001
        $row.StreamId | Should -Be 's-fixture'
        $row.StartUtc | Should -Be ([datetime]::new(2024, 3, 1, 22, 58, 41, [DateTimeKind]::Utc))
        $row.StartUtc.Kind | Should -Be 'Utc'
        $row.StartLocal | Should -Be ([datetime]'2024-03-01T23:58:41')
        $row.DurationSec | Should -Be 187
        $row.Kind | Should -Be 'Music'
        $row.Title | Should -BeExactly 'Nachtzug nach Bern'
        $row.Artists | Should -BeExactly 'Mira Keller; The Aare Collective'
        $row.Album | Should -BeExactly 'Gleisfeld'
        $row.Label | Should -BeExactly 'Gurten Records'
        $row.Isrc | Should -BeExactly 'CHA011900123; DEX341900456'
        $row.Upc | Should -BeExactly '0602577123456'
        $row.Composers | Should -BeExactly 'Mira Keller; Jonas Ritter'
        $row.ReleaseDate | Should -BeExactly '2019-04-12'
        $row.Acrid | Should -BeExactly '3f9c2e7a1b0d4c58a6e2f1d9b7c40a12'
        $row.Score | Should -Be 100
    }

    It 'flattens a custom file with plain-string artists and capitalised keys' {
        $row = $rows[1]
        $row.Kind | Should -Be 'CustomFile'
        $row.Title | Should -BeExactly 'Station ID Morning'
        $row.Artists | Should -BeExactly 'In-house'
        $row.Isrc | Should -BeExactly 'CHZ001240001'
        $row.Upc | Should -BeNullOrEmpty
        $row.Score | Should -Be 88
        $row.DurationSec | Should -Be 21
    }

    It 'flattens a record with empty external ids and a bare year' {
        $row = $rows[2]
        $row.Isrc | Should -BeNullOrEmpty
        $row.Upc | Should -BeNullOrEmpty
        $row.ReleaseDate | Should -BeExactly '2020'
        $row.Artists | Should -BeExactly 'Siti Nora'
        $row.Composers | Should -BeNullOrEmpty
    }

    It 'copes with capitalised custom-file keys without a lower-case twin' {
        $record = [pscustomobject]@{ metadata = [pscustomobject]@{ timestamp_utc = '2026-11-02 10:00:00'; played_duration = 30
                custom_files = @([pscustomobject]@{ Title = 'Jingle'; Artist = 'Studio'; acrid = 'j1' }) } }
        $row = $record | ConvertTo-AcrBmCsPlay
        $row.Title | Should -Be 'Jingle'
        $row.Artists | Should -Be 'Studio'
        $row.ProjectId | Should -BeNullOrEmpty
    }

    It 'rejects input that is not a result record with a non-terminating error' {
        $rows = 'hello', (New-TestRecord s1 a '2026-11-02 10:00:00' 5) | ConvertTo-AcrBmCsPlay -ErrorVariable problems -ErrorAction SilentlyContinue
        @($rows).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotAResultRecord,*'
    }

    It 'merges consecutive rows of the same stream and song, and nothing else' {
        $records = @(
            New-TestRecord s1 A '2026-11-01 23:56:00' 200
            New-TestRecord s1 A '2026-11-02 00:00:01' 40
            New-TestRecord s1 B '2026-11-02 00:01:00' 180
            New-TestRecord s1 A '2026-11-02 00:04:00' 100
            New-TestRecord s2 A '2026-11-02 00:00:00' 10
            New-TestRecord s2 A '2026-11-02 00:00:20' 20 -ProjectId 8
        )
        $merged = @($records | ConvertTo-AcrBmCsPlay -MergeConsecutive)
        $merged.Count | Should -Be 5
        $merged[0].Acrid | Should -Be 'A'
        $merged[0].DurationSec | Should -Be 240
        $merged[0].StartUtc | Should -Be ([datetime]::new(2026, 11, 1, 23, 56, 0, [DateTimeKind]::Utc))
        $merged[1].Acrid | Should -Be 'B'
        $merged[2].DurationSec | Should -Be 100
        $merged[3].StreamId | Should -Be 's2'
        $merged[4].ProjectId | Should -Be 8
        @($records | ConvertTo-AcrBmCsPlay).Count | Should -Be 6
    }
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
