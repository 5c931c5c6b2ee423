BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0

    function Get-RawChannelDay([int] $ProjectId, [int] $ChannelId, [string[]] $Dates) {
        # What the API sends, read without the module.
        foreach ($date in $Dates) {
            $raw = Invoke-WebRequest -Uri "$($standIn.Url)/api/bm-bd-projects/$ProjectId/channels/$ChannelId/results?date=$date" -Headers @{ Authorization = "Bearer $($standIn.Token)" }
            ($raw.Content | ConvertFrom-Json -AsHashtable).data
        }
    }

    function ConvertTo-ChannelApiJson {
        # A channel record as the API's JSON: without the ProjectId, ChannelId and TimeZone the module adds.
        process { $_ | Select-Object -Property * -ExcludeProperty ProjectId, ChannelId, TimeZone | ConvertTo-Json -Depth 50 -Compress }
    }

    function ConvertTo-Json50 { process { ConvertTo-Json -InputObject $_ -Depth 50 -Compress } }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmBdResult records' {
    BeforeAll { $records = @(Get-AcrBmBdResult -ProjectId 5001 -ChannelId 201003 -Date 2026-11-02) }

    It 'returns every record of the channel-day as the API sent it' {
        $expected = Get-RawChannelDay 5001 201003 20261102 | ConvertTo-Json50
        $records.Count | Should -BeGreaterThan 30
        ($records | ConvertTo-ChannelApiJson) | Should -BeExactly $expected
        $records[0].metadata.music[0].title | Should -Not -BeNullOrEmpty
    }

    It 'tells where each record came from: ProjectId and ChannelId after the JSON''s own properties' {
        $records[0].PSObject.Properties.Name | Should -Be @('status', 'result_type', 'metadata', 'ProjectId', 'ChannelId')
        $records.ProjectId | Select-Object -Unique | Should -Be 5001
        $records.ChannelId | Select-Object -Unique | Should -Be 201003
        $records[0].ChannelId | Should -BeOfType [int]
        $records[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmBdResult'
    }

    It 'shows as the results table, with the channel in the last column' {
        $table = $records | Out-String -Width 200
        $table | Should -Match 'StartUtc\s+Sec\s+Title\s+Artists\s+Score\s+ChannelId'
        $table | Should -Match ([regex]::Escape($records[0].metadata.timestamp_utc) + '\s+' + $records[0].metadata.played_duration + '\s+.+\s+201003')
    }

    It 'flattens into play rows whose StreamId is the channel id' {
        $rows = @($records | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
        $rows.Count | Should -Be $records.Count
        $rows.StreamId | Select-Object -Unique | Should -Be '201003'
        $rows.ProjectId | Select-Object -Unique | Should -Be 5001
        $rows[0].Title | Should -Be $records[0].metadata.music[0].title
        $rows.Kind | Select-Object -Unique | Should -Be 'Music'
    }
}

Describe 'Get-AcrBmBdResult parameters' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'asks the channel''s results path with only the date' {
        $null = Get-AcrBmBdResult -ProjectId 5002 -ChannelId 301001 -Date 2026-11-02
        $request = Get-Requests $standIn
        $request.path | Should -Be '/api/bm-bd-projects/5002/channels/301001/results'
        $request.Params.Keys | Should -Be @('date')
        $request.Params.date | Should -Be '20261102'
    }

    It 'sends every filter of the results under the API''s name, and gets the filtered records' {
        $all = @(Get-AcrBmBdResult -ProjectId 5002 -ChannelId 301001 -Date 2026-11-02)
        $long = @(Get-AcrBmBdResult -ProjectId 5002 -ChannelId 301001 -Date 2026-11-02 -Type Day -MinDuration 120 -MaxDuration 3000 -IsrcCountry ch -WithFalsePositive)
        $params = (Get-Requests $standIn)[-1].Params
        $params.type | Should -Be 'day'
        $params.min_duration | Should -Be '120'
        $params.max_duration | Should -Be '3000'
        $params.isrc_country | Should -Be 'CH'
        $params.with_false_positive | Should -Be '1'
        $long.Count | Should -BeLessThan $all.Count
        $long | ForEach-Object { $_.metadata.played_duration | Should -BeGreaterOrEqual 120 }
    }

    It 'sends type=last without a date for -Type Last' {
        $null = Get-AcrBmBdResult -ProjectId 5002 -ChannelId 301001 -Type Last
        $params = (Get-Requests $standIn).Params
        $params.type | Should -Be 'last'
        $params.ContainsKey('date') | Should -BeFalse
    }

    It 'rejects bad arguments before sending anything' {
        { Get-AcrBmBdResult -ProjectId 5002 -ChannelId 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-AcrBmBdResult -ProjectId 5002 -ChannelId 301001 -MinDuration 300 -MaxDuration 10 } | Should -Throw -ErrorId 'AcrCloud.InvalidDurationRange,*'
        { Get-AcrBmBdResult -ProjectId 5002 -ChannelId 301001 -From 2026-11-02 -To 2026-11-01 } | Should -Throw -ErrorId 'AcrCloud.InvalidDateRange,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }
}

Describe 'Get-AcrBmBdResult over channels and local days' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'binds channel objects from Get-AcrBmBdChannel and goes in channel, then day order' {
        Add-StandInFault -StandIn $standIn -Match 'channels/301001/results' -Date 20261101 -Fault @(@{ kind = 'slow'; delayMs = 1500 })
        $actual = Get-AcrBmBdChannel -ProjectId 5002 | Get-AcrBmBdResult -Date 2026-11-01, 2026-11-02 | ConvertTo-ChannelApiJson
        $expected = foreach ($channel in 301001, 301002) { Get-RawChannelDay 5002 $channel '20261101', '20261102' | ConvertTo-Json50 }
        $actual | Should -BeExactly $expected
    }

    It 'trims a local range at its edges, across the end of summer time' {
        $records = @(Get-AcrBmBdResult -ProjectId 5002 -ChannelId 301002 -From 2026-10-25 -To 2026-10-26 -TimeZone Europe/Zurich)
        (Get-Requests $standIn).Params.date | Sort-Object | Should -Be @('20261024', '20261025', '20261026')
        # 25 Oct starts at 22:00 UTC on the 24th (CEST); 27 Oct at 23:00 UTC on the 26th (CET).
        $start = [datetime]::new(2026, 10, 24, 22, 0, 0, [DateTimeKind]::Utc)
        $end = [datetime]::new(2026, 10, 26, 23, 0, 0, [DateTimeKind]::Utc)
        $raw = @(Get-RawChannelDay 5002 301002 '20261024', '20261025', '20261026')
        $expected = @($raw | Where-Object {
                $t = [datetime]::ParseExact($_.metadata.timestamp_utc, 'yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture, 'AssumeUniversal,AdjustToUniversal')
                $t -ge $start -and $t -lt $end
            })
        $expected.Count | Should -BeLessThan $raw.Count
        ($records | ConvertTo-ChannelApiJson) | Should -BeExactly ($expected | ConvertTo-Json50)
    }

    It 'writes a non-terminating error for the channel that failed, naming it, and goes on' {
        $records = Get-AcrBmBdResult -ProjectId 5002 -ChannelId 999999, 301001 -Date 2026-11-02 -ErrorVariable problems -ErrorAction SilentlyContinue
        @($records).Count | Should -Be @(Get-RawChannelDay 5002 301001 20261102).Count
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'AcrCloud.NotFound,AcrCloud.PowerShell.Commands.GetAcrBmBdResultCommand'
        $problems[0].TargetObject.ChannelId | Should -Be 999999
        $problems[0].TargetObject.Date | Should -Be ([datetime]'2026-11-02')
        "$($problems[0].TargetObject)" | Should -Be 'project 5002, channel 999999, 2026-11-02'
        $problems[0].Exception.ApiMessage | Should -Be 'Channel not found.'
    }
}
