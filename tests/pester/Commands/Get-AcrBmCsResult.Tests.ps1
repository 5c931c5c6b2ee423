BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0 -PassThru

    function Get-RawResultJson([string] $StreamId, [string] $Date, [int] $ProjectId = 1001) {
        # The API's own bytes, re-serialised by PowerShell's JSON writer, for comparison with our objects.
        @(Get-RawRecords $ProjectId $StreamId $Date | ConvertTo-ApiJson)
    }

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
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmCsResult records' {
    BeforeAll { $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01) }

    It 'emits one object per item of data' {
        $records.Count | Should -Be 3
    }

    It 'keeps every record exactly as the JSON: names, order, nesting, types, text' {
        $expected = @(Get-Content -Raw $FixturePath | ConvertFrom-Json -AsHashtable).data | ConvertTo-ApiJson
        $actual = $records | ConvertTo-ApiJson
        $actual | Should -BeExactly $expected
    }

    It 'tells where each record came from: ProjectId and StreamId after the JSON''s own properties' {
        $records[0].PSObject.Properties.Name | Should -Be @('status', 'result_type', 'metadata', 'ProjectId', 'StreamId')
        $records.ProjectId | Should -Be @(1001, 1001, 1001)
        $records.StreamId | Should -Be @('s-fixture', 's-fixture', 's-fixture')
        $records[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmCsResult'
    }

    It 'reads like the Python client: $r.metadata.music[0].title' {
        $records[0].metadata.music[0].title | Should -BeExactly 'Nachtzug nach Bern'
        $records[0].metadata.music[0].artists[1].name | Should -BeExactly 'The Aare Collective'
        $records[0].metadata.music[0].external_ids.isrc | Should -Be @('CHA011900123', 'DEX341900456')
        $records[0].metadata.music[0].contributors.composers[1] | Should -BeExactly 'Jonas Ritter'
    }

    It 'keeps numbers as numbers, arrays as arrays and text as text' {
        $records[0].metadata.played_duration | Should -BeOfType [long]
        $records[0].metadata.music[0].score | Should -BeOfType [long]
        $records[0].metadata.music[0].works[0].creators[0].ipi | Should -Be 512345678
        , $records[0].metadata.music | Should -BeOfType [object[]]
        $records[0].metadata.timestamp_utc | Should -BeOfType [string]
        $records[0].metadata.timestamp_utc | Should -BeExactly '2024-03-01 22:58:41'
        $records[2].metadata.music[0].release_date | Should -BeExactly '2020'
        @($records[2].metadata.music[0].external_ids.PSObject.Properties).Count | Should -Be 0
    }

    It 'keeps keys that differ only by case (custom files'' "title" and "Title")' {
        $file = $records[1].metadata.custom_files[0]
        $file.title | Should -BeExactly 'Station ID Morning'
        $file['Title'] | Should -BeExactly 'Station ID Morning'
        $file.artists | Should -BeExactly 'In-house'
        $file.Keys.Count | Should -Be 14
    }

    It 'works with Format-Table, Select-Object, Where-Object, Sort-Object and Group-Object' {
        $table = $records | Format-Table result_type, @{ n = 'Start'; e = { $_.metadata.timestamp_utc } } | Out-String
        $table | Should -Match '2024-03-01 23:57:30'
        ($records | Where-Object { $_.metadata.played_duration -gt 100 }).Count | Should -Be 2
        ($records | Sort-Object { $_.metadata.played_duration } | Select-Object -First 1).metadata.played_duration | Should -Be 21
        ($records | Group-Object { [bool]$_.metadata.music }).Count | Should -Be 2
    }

    It 'exports to CSV with non-ASCII text intact' {
        $path = Join-Path $TestDrive 'plays.csv'
        Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date 2026-11-01, 2026-11-02 |
            Select-Object @{ n = 'Start'; e = { $_.metadata.timestamp_utc } }, @{ n = 'Title'; e = { @($_.metadata.music + $_.metadata.custom_files)[0].title } } |
            Export-Csv -Path $path -Encoding utf8
        $rows = Import-Csv $path
        $rows.Count | Should -BeGreaterThan 10
        $expected = (Get-RawResultJson s-aare-klassik 20261101) + (Get-RawResultJson s-aare-klassik 20261102) | ForEach-Object { $r = $_ | ConvertFrom-Json -AsHashtable; @($r.metadata.music + $r.metadata.custom_files | Where-Object { $_ })[0].title }
        $rows.Title | Should -BeExactly $expected
    }
}

Describe 'Get-AcrBmCsResult against generated days' {
    It 'returns every record of a day, non-ASCII and all, as the API sent it' {
        $found = $false
        foreach ($date in 20261101..20261107) {
            $expected = Get-RawResultJson s-aare-pop $date
            $actual = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date ([datetime]::ParseExact("$date", 'yyyyMMdd', $null)) | ConvertTo-ApiJson)
            $actual | Should -BeExactly $expected
            if (($actual -join '') -match '[^\x00-\x7F]') { $found = $true }
        }
        $found | Should -BeTrue -Because 'the stand-in''s week includes non-ASCII titles'
    }

    It 'returns nothing and no error for an empty day' {
        $records = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-quiet -Date 2026-11-02 -ErrorVariable problems
        $records | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'Get-AcrBmCsResult parameters' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'sends -Date as yyyyMMdd and nothing that was not given' {
        $null = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date ([datetime]'2026-03-29T23:30:00')
        $request = Get-Requests $standIn
        $request.path | Should -Be '/api/bm-cs-projects/1001/streams/s-aare-pop/results'
        $request.Params.Keys | Should -Be @('date')
        $request.Params.date | Should -Be '20260329'
    }

    It 'defaults to today in UTC' {
        $null = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop
        (Get-Requests $standIn).Params.date | Should -BeIn @([datetime]::UtcNow.ToString('yyyyMMdd'), [datetime]::UtcNow.AddSeconds(-5).ToString('yyyyMMdd'))
    }

    It 'sends every filter under the API''s name' {
        $null = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02 -Type Day -MinDuration 30 -MaxDuration 300 -IsrcCountry ch -WithFalsePositive
        $params = (Get-Requests $standIn).Params
        $params.type | Should -Be 'day'
        $params.date | Should -Be '20261102'
        $params.min_duration | Should -Be '30'
        $params.max_duration | Should -Be '300'
        $params.isrc_country | Should -Be 'CH'
        $params.with_false_positive | Should -Be '1'
    }

    It 'sends type=last without a date for -Type Last' {
        $null = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Type Last
        $params = (Get-Requests $standIn).Params
        $params.type | Should -Be 'last'
        $params.ContainsKey('date') | Should -BeFalse
    }

    It 'gets the filtered records from the API' {
        $all = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02)
        $long = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02 -MinDuration 120)
        $long.Count | Should -BeLessThan $all.Count
        $long | ForEach-Object { $_.metadata.played_duration | Should -BeGreaterOrEqual 120 }
        @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02 -WithFalsePositive).Count | Should -BeGreaterThan $all.Count
    }

    It 'rejects bad arguments before sending anything' {
        { Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -IsrcCountry CHE } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-AcrBmCsResult -ProjectId 0 -StreamId s-aare-pop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Type Week } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*'
        { Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -MinDuration 300 -MaxDuration 10 } | Should -Throw -ErrorId 'AcrCloud.InvalidDurationRange,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
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

Describe 'Get-AcrBmCsResult over several streams and dates' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'goes in stream order, then date order, then the API''s order' {
        $dates = [datetime]'2026-11-03', [datetime]'2026-11-01'
        $actual = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-2, s-onda-1 -Date $dates | ConvertTo-ApiJson
        $expected = foreach ($stream in 's-onda-2', 's-onda-1') { foreach ($date in '20261103', '20261101') { Get-RawResultJson $stream $date 1002 } }
        $actual | Should -BeExactly $expected
        # Requests run concurrently and may arrive in any order; each is asked once.
        (Get-Requests $standIn | Where-Object path -Like '*/results' | Select-Object -First 4 | ForEach-Object { "$($_.path.Split('/')[-2])@$($_.Params.date)" }) |
            Sort-Object | Should -Be @('s-onda-1@20261101', 's-onda-1@20261103', 's-onda-2@20261101', 's-onda-2@20261103')
    }

    It 'binds the API''s stream objects from the pipeline (mcp_id, stream_id)' {
        $streams = (Invoke-AcrCloudRequest /api/bm-cs-projects/1002/streams).data
        $streams[0].PSObject.Properties.Name | Should -Contain 'mcp_id'
        $actual = $streams | Get-AcrBmCsResult -Date 2026-11-02 | ConvertTo-ApiJson
        $expected = foreach ($stream in $streams) { Get-RawResultJson $stream.stream_id 20261102 1002 }
        $actual | Should -BeExactly $expected
    }

    It 'binds objects with ProjectId and StreamId properties' {
        $records = [pscustomobject]@{ ProjectId = 1001; StreamId = 's-fixture' } | Get-AcrBmCsResult -Date 2024-03-01
        @($records).Count | Should -Be 3
    }

    It 'writes a non-terminating error for the stream that failed and goes on with the rest' {
        $records = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-nope, s-fixture -Date 2024-03-01 -ErrorVariable problems -ErrorAction SilentlyContinue
        @($records).Count | Should -Be 3
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'AcrCloud.NotFound,AcrCloud.PowerShell.Commands.GetAcrBmCsResultCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject.StreamId | Should -Be 's-nope'
        $problems[0].TargetObject.Date | Should -Be ([datetime]'2024-03-01')
        $problems[0].Exception.ApiMessage | Should -Not -BeNullOrEmpty
    }

    It 'rides out a transient failure of one day and returns that day whole' {
        Add-StandInFault -StandIn $standIn -Match 's-fixture/results' -Fault @(@{ kind = 'status'; status = 503 }, @{ kind = 'dropMidBody' })
        $actual = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 | ConvertTo-ApiJson
        $attempts = @(Get-StandInRequest -StandIn $standIn | Where-Object path -Like '*s-fixture/results')
        $attempts.status | Should -Be @(503, 0, 200)
        $actual | Should -BeExactly (Get-RawResultJson s-fixture 20240301)
    }

    It 'outputs nothing of a day whose body is broken JSON, with an InvalidData error, and goes on' {
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/results' -Date 20261102 -Fault @(@{ kind = 'badjson' })
        $records = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date 2026-11-01, 2026-11-02, 2026-11-03 -ErrorVariable problems -ErrorAction SilentlyContinue |
            ConvertTo-ApiJson
        $records | Should -BeExactly ((Get-RawResultJson s-aare-klassik 20261101) + (Get-RawResultJson s-aare-klassik 20261103))
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidResponse,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject.Date | Should -Be ([datetime]'2026-11-02')
    }
}

Describe 'Concurrent fetching keeps the order' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'emits days in order even when the first answer comes last' {
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/results' -Date 20261101 -Fault @(@{ kind = 'slow'; delayMs = 1500 })
        $dates = 1..6 | ForEach-Object { [datetime]::new(2026, 11, $_) }
        $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $dates -ThrottleLimit 4)
        $days = $records | ForEach-Object { $_.metadata.timestamp_utc.Substring(0, 10) }
        $days | Should -Be ($days | Sort-Object)
        ($days | Select-Object -Unique) | Should -Be @('2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06')
        $times = (Get-StandInRequest -StandIn $standIn).time
        @($times).Count | Should -Be 6
    }

    It 'loses and duplicates nothing over many stream-days, whatever -ThrottleLimit' {
        $streams = 's-aare-pop', 's-aare-klassik', 's-onda-1'
        $dates = 1..10 | ForEach-Object { [datetime]::new(2026, 10, $_) }
        $one = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -Date $dates -ThrottleLimit 1 | ConvertTo-ApiJson
        $many = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -Date $dates -ThrottleLimit 16 | ConvertTo-ApiJson
        $many.Count | Should -BeGreaterThan 500
        $many | Should -BeExactly $one
    }

    It 'streams results out before the last request is done' {
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/results' -Date 20261106 -Fault @(@{ kind = 'slow'; delayMs = 2000 })
        $dates = 1..6 | ForEach-Object { [datetime]::new(2026, 11, $_) }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $firstAt = $null
        Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $dates -ThrottleLimit 6 | ForEach-Object { if ($null -eq $firstAt) { $firstAt = $watch.Elapsed.TotalSeconds } }
        $total = $watch.Elapsed.TotalSeconds
        $firstAt | Should -BeLessThan 1
        # The stand-in's timer and this one are different clocks: a 2 s delay can measure a hair under 2 s here.
        $total | Should -BeGreaterOrEqual 1.9
    }

    It 'cancels the requests still running when the pipeline ends early' {
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/results' -Date 20261102 -Fault @(@{ kind = 'slow'; delayMs = 3000 })
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/results' -Date 20261103 -Fault @(@{ kind = 'slow'; delayMs = 3000 })
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $first = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date 2026-11-01, 2026-11-02, 2026-11-03 -ThrottleLimit 3 | Select-Object -First 1
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $first.metadata.timestamp_utc | Should -BeLike '2026-11-01*'
        Start-Sleep -Milliseconds 500
        $slow = @(Get-StandInRequest -StandIn $standIn | Where-Object { $_.query -match 'date=2026110[23]' })
        $slow.Count | Should -Be 2
        $slow.status | Should -Be @(0, 0) -Because 'the client hung up instead of letting them finish'
    }

    It 'writes every request''s verbose line, however many run at once' {
        $dates = 1..20 | ForEach-Object { [datetime]::new(2026, 10, $_) }
        foreach ($round in 1..3) {
            $lines = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -Date $dates -ThrottleLimit 64 -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'GET *' }
            @($lines).Count | Should -Be 40
        }
    }
}

Describe 'Sessions, parallel runspaces and Ctrl+C' {
    It 'keeps the default connection to the session that made it' {
        $other = Start-ThreadJob { Import-Module $using:ModulePath; try { Get-AcrCloudContext -ErrorAction Stop; 'visible' } catch { $_.FullyQualifiedErrorId } } | Receive-Job -Wait -AutoRemoveJob
        $other | Should -BeLike 'AcrCloud.NotConnected,*'
    }

    It 'serves ForEach-Object -Parallel with -Connection' {
        $counts = 1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:ModulePath
            @(Get-AcrBmCsResult -Connection $using:connection -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01).Count
        }
        $counts | Should -Be @(3, 3, 3, 3, 3, 3)
    }

    It 'stops at once on Ctrl+C while a request hangs' {
        Add-StandInFault -StandIn $standIn -Match 's-aare-pop/results' -Fault @(@{ kind = 'hang' })
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $connection)
                Import-Module $module
                Get-AcrBmCsResult -Connection $connection -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02
            }).AddArgument($ModulePath).AddArgument($connection)
        $handle = $ps.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while (-not (Get-StandInRequest -StandIn $standIn | Where-Object path -Like '*s-aare-pop/results') -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        Reset-StandIn -StandIn $standIn
    }
}
