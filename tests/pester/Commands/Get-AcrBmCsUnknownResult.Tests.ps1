BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0

    function Get-RawUnknown([int] $ProjectId, [string] $StreamId, [string[]] $Dates) {
        # What the API sends, read without the module.
        foreach ($date in $Dates) {
            $raw = Invoke-WebRequest -Uri "$($standIn.Url)/api/bm-cs-projects/$ProjectId/streams/$StreamId/unknown_results?date=$date" -Headers @{ Authorization = "Bearer $($standIn.Token)" }
            ($raw.Content | ConvertFrom-Json -AsHashtable).data
        }
    }

    function Get-UtcStart($record) {
        [datetime]::ParseExact($record.metadata.timestamp_utc, 'yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture, 'AssumeUniversal,AdjustToUniversal')
    }

    function ConvertTo-Json50 { process { ConvertTo-Json -InputObject $_ -Depth 50 -Compress } }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmCsUnknownResult records' {
    BeforeAll { $records = @(Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02) }

    It 'returns every record of the day as the API sent it, in its order' {
        $expected = Get-RawUnknown 1001 s-aare-pop 20261102 | ConvertTo-Json50
        $records.Count | Should -Be @($expected).Count
        $records.Count | Should -BeGreaterThan 0
        ($records | ConvertTo-ApiJson) | Should -BeExactly $expected
    }

    It 'tells where each record came from: ProjectId and StreamId after the JSON''s own properties' {
        $records[0].PSObject.Properties.Name | Should -Be @('status', 'result_type', 'metadata', 'ProjectId', 'StreamId')
        $records.ProjectId | Select-Object -Unique | Should -Be 1001
        $records.StreamId | Select-Object -Unique | Should -Be 's-aare-pop'
        $records[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmCsUnknownResult'
        $records[0].metadata.played_duration | Should -BeOfType [long]
    }

    It 'shows as a table of start, seconds and stream' {
        $table = $records | Out-String -Width 200
        $table | Should -Match 'StartUtc\s+Sec\s+ProjectId\s+StreamId'
        $table | Should -Match ([regex]::Escape($records[0].metadata.timestamp_utc) + '\s+' + $records[0].metadata.played_duration + '\s+1001\s+s-aare-pop')
    }

    It 'flattens into play rows of kind Unknown' {
        $rows = @($records | ConvertTo-AcrBmCsPlay)
        $rows.Count | Should -Be $records.Count
        $rows.Kind | Select-Object -Unique | Should -Be 'Unknown'
        $rows[0].StreamId | Should -Be 's-aare-pop'
        $rows[0].DurationSec | Should -Be $records[0].metadata.played_duration
        $rows[0].Title | Should -BeNullOrEmpty
    }

    It 'returns nothing and no error for a stream without any' {
        $none = Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-quiet -Date 2026-11-02 -ErrorVariable problems
        $none | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'Get-AcrBmCsUnknownResult parameters' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'sends -Date as yyyyMMdd to the unknown_results path and nothing that was not given' {
        $null = Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop -Date ([datetime]'2026-03-29T23:30:00')
        $request = Get-Requests $standIn
        $request.path | Should -Be '/api/bm-cs-projects/1001/streams/s-aare-pop/unknown_results'
        $request.Params.Keys | Should -Be @('date')
        $request.Params.date | Should -Be '20260329'
    }

    It 'defaults to today in UTC' {
        $null = Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop
        (Get-Requests $standIn).Params.date | Should -BeIn @([datetime]::UtcNow.ToString('yyyyMMdd'), [datetime]::UtcNow.AddSeconds(-5).ToString('yyyyMMdd'))
    }

    It 'sends -MinDuration and -MaxDuration and gets what the API filtered' {
        $all = @(Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02)
        $some = @(Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02 -MinDuration 60 -MaxDuration 200)
        $params = (Get-Requests $standIn)[-1].Params
        $params.min_duration | Should -Be '60'
        $params.max_duration | Should -Be '200'
        $some.Count | Should -BeLessThan $all.Count
        $some.Count | Should -Be @($all | Where-Object { $_.metadata.played_duration -ge 60 -and $_.metadata.played_duration -le 200 }).Count
    }

    It 'has none of the results-only filters' {
        $parameters = (Get-Command Get-AcrBmCsUnknownResult).Parameters.Keys
        foreach ($name in 'Type', 'IsrcCountry', 'WithFalsePositive') { $parameters | Should -Not -Contain $name }
    }

    It 'rejects bad arguments before sending anything' {
        { Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop -MinDuration 300 -MaxDuration 10 } | Should -Throw -ErrorId 'AcrCloud.InvalidDurationRange,*'
        { Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop -From 2026-11-01 -TimeZone Mars/Olympus } | Should -Throw -ErrorId 'AcrCloud.UnknownTimeZone,*'
        { Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop -From 2026-11-02 -To 2026-11-01 } | Should -Throw -ErrorId 'AcrCloud.InvalidDateRange,*'
        { Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId '  ' } | Should -Throw
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }
}

Describe 'Get-AcrBmCsUnknownResult over local ranges, streams and days' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'trims to local days in Europe/Zurich across the end of summer time' {
        # 24 Oct 2026 starts at 22:00 UTC the day before (CEST); 26 Oct starts at 23:00 UTC on the 25th (CET).
        $start = [datetime]::new(2026, 10, 23, 22, 0, 0, [DateTimeKind]::Utc)
        $end = [datetime]::new(2026, 10, 25, 23, 0, 0, [DateTimeKind]::Utc)
        $actual = @(Get-AcrBmCsUnknownResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-10-24 -To 2026-10-25 -TimeZone Europe/Zurich)
        (Get-Requests $standIn).Params.date | Sort-Object | Should -Be @('20261023', '20261024', '20261025')
        $raw = @(Get-RawUnknown 1002 s-onda-1 '20261023', '20261024', '20261025')
        $expected = @($raw | Where-Object { $t = Get-UtcStart $_; $t -ge $start -and $t -lt $end })
        $expected.Count | Should -BeLessThan $raw.Count -Because 'the edge UTC days hold records outside the local days'
        ($actual | ConvertTo-ApiJson) | Should -BeExactly ($expected | ConvertTo-Json50)
    }

    It 'goes in stream order, then date order, even when the first answer comes last' {
        Add-StandInFault -StandIn $standIn -Match 's-onda-2/unknown_results' -Date 20261103 -Fault @(@{ kind = 'slow'; delayMs = 1500 })
        $actual = Get-AcrBmCsUnknownResult -ProjectId 1002 -StreamId s-onda-2, s-onda-1 -Date 2026-11-03, 2026-11-01 -ThrottleLimit 4 | ConvertTo-ApiJson
        $expected = foreach ($stream in 's-onda-2', 's-onda-1') { foreach ($date in '20261103', '20261101') { Get-RawUnknown 1002 $stream $date | ConvertTo-Json50 } }
        $actual | Should -BeExactly $expected
    }

    It 'loses and duplicates nothing whatever -ThrottleLimit' {
        $dates = 1..8 | ForEach-Object { [datetime]::new(2026, 10, $_) }
        $one = Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -Date $dates -ThrottleLimit 1 | ConvertTo-ApiJson
        $many = Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -Date $dates -ThrottleLimit 16 | ConvertTo-ApiJson
        $many.Count | Should -BeGreaterThan 80
        $many | Should -BeExactly $one
    }

    It 'binds the API''s stream objects from the pipeline (mcp_id, stream_id)' {
        $streams = @(Get-AcrBmCsStream -ProjectId 1002)
        $records = @($streams | Get-AcrBmCsUnknownResult -Date 2026-11-02)
        ($records.StreamId | Select-Object -Unique) | Should -Be @($streams.stream_id)
    }

    It 'writes a non-terminating error for the stream-day that failed and goes on with the rest' {
        $records = Get-AcrBmCsUnknownResult -ProjectId 1001 -StreamId s-nope, s-aare-pop -Date 2026-11-02 -ErrorVariable problems -ErrorAction SilentlyContinue
        @($records).Count | Should -Be @(Get-RawUnknown 1001 s-aare-pop 20261102).Count
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'AcrCloud.NotFound,AcrCloud.PowerShell.Commands.GetAcrBmCsUnknownResultCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject.StreamId | Should -Be 's-nope'
        $problems[0].TargetObject.Date | Should -Be ([datetime]'2026-11-02')
        $problems[0].Exception.ApiMessage | Should -Be 'Stream not found.'
    }

    It 'shows progress of the stream-days and a verbose line per stream-day' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $connection)
                $ProgressPreference = 'Continue'
                $VerbosePreference = 'Continue'
                Import-Module $module
                $null = Get-AcrBmCsUnknownResult -Connection $connection -ProjectId 1002 -StreamId s-onda-1, s-onda-2 -From 2026-11-01 -To 2026-11-02
            }).AddArgument($ModulePath).AddArgument((Get-AcrCloudContext))
        $null = $ps.Invoke()
        $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Getting ACRCloud unknown results')
        $verbose = @($ps.Streams.Verbose | Where-Object Message -Like '* unknown results for project 1002, stream s-onda-*')
        $ps.Dispose()
        $progress.StatusDescription | Should -Contain '4 of 4 stream-days'
        $progress[-1].RecordType | Should -Be 'Completed'
        $verbose.Count | Should -Be 4
    }
}
