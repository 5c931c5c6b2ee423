BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0 -PassThru

    function Get-RawResultJson([string] $StreamId, [string] $Date, [int] $ProjectId = 1001) {
        # The API's own bytes, re-serialised by PowerShell's JSON writer, for comparison with our objects.
        $raw = Invoke-WebRequest -Uri "$($standIn.Url)/api/bm-cs-projects/$ProjectId/streams/$StreamId/results?date=$Date" -Headers @{ Authorization = "Bearer $($standIn.Token)" }
        $data = ($raw.Content | ConvertFrom-Json -AsHashtable).data
        @($data | ConvertTo-ApiJson)
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
