BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    $fixtureJson = @(Get-Content -Raw $FixturePath | ConvertFrom-Json -AsHashtable).data | ForEach-Object { ConvertTo-Json -InputObject $_ -Depth 50 -Compress }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Result records behave like PSCustomObjects' {
    BeforeEach { $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01) }

    It 'lists the JSON''s properties in Get-Member and .PSObject.Properties' {
        $members = $records[0] | Get-Member -MemberType Properties
        $members.Name | Should -Contain 'metadata'
        $members.Name | Should -Contain 'StreamId'
        ($members | Where-Object Name -EQ 'result_type').Definition | Should -Match 'System.Int64 result_type'
        $records[0].PSObject.Properties.Name | Should -Be @('status', 'result_type', 'metadata', 'ProjectId', 'StreamId')
        $records[0].metadata.PSObject.Properties.Name | Should -Be @('type', 'timestamp_utc', 'played_duration', 'record_timestamp', 'music')
        $records[0].PSObject.TypeNames | Should -Contain 'AcrCloud.BmCsResult'
    }

    It 'takes a new value for a property, at any depth, and keeps it' {
        $records[0].metadata.played_duration = 999
        $records[0].metadata.music[0].title = 'Renamed'
        $records[0].metadata.played_duration | Should -Be 999
        $records[0].metadata.music[0].title | Should -Be 'Renamed'
        ($records[0] | ConvertTo-Json -Depth 50 -Compress) | Should -Match '"played_duration":999'
        ($records[0] | ConvertTo-Json -Depth 50 -Compress) | Should -Match '"title":"Renamed"'
    }

    It 'takes Add-Member and shows the new member everywhere' {
        $records[0] | Add-Member -NotePropertyName Checked -NotePropertyValue $true
        $records[0].Checked | Should -BeTrue
        $records[0].PSObject.Properties.Name | Should -Contain 'Checked'
        ($records[0] | ConvertTo-Json -Depth 50 -Compress) | Should -Match '"Checked":true'
    }

    It 'sorts, groups and filters on nested values' {
        ($records | Sort-Object { $_.metadata.played_duration } -Descending)[0].metadata.played_duration | Should -Be 240
        ($records | Group-Object StreamId).Count | Should -Be 3
        @($records | Where-Object { $_.metadata.music }).Count | Should -Be 2
        ($records | Select-Object -ExpandProperty metadata | Select-Object -ExpandProperty played_duration) | Should -Be @(187, 21, 240)
    }

    It 'shows in Format-List * and Format-Table with every JSON property' {
        $list = $records[0] | Format-List * | Out-String
        foreach ($name in 'status', 'result_type', 'metadata', 'ProjectId', 'StreamId') { $list | Should -Match "$name\s*:" }
        $list | Should -Match 'timestamp_utc=2024-03-01 22:58:41'
        $table = $records | Format-Table result_type, StreamId | Out-String
        $table | Should -Match 's-fixture'
    }

    It 'exports top-level properties to CSV like a PSCustomObject' {
        $path = Join-Path $TestDrive 'records.csv'
        $records | Export-Csv -Path $path
        $rows = Import-Csv $path
        $rows.Count | Should -Be 3
        $rows[0].PSObject.Properties.Name | Should -Be @('status', 'result_type', 'metadata', 'ProjectId', 'StreamId')
        $rows[0].StreamId | Should -Be 's-fixture'
    }

    It 'reproduces the API''s JSON' {
        $records | ConvertTo-ApiJson | Should -BeExactly $fixtureJson
    }

    It 'reads the same values from many threads at once' {
        $shared = $records
        $seen = 1..32 | ForEach-Object -ThrottleLimit 16 -Parallel {
            # A runspace reads the records' JSON properties through the module's type adapter, so it imports the module.
            Import-Module $using:ModulePath
            $r = $using:shared
            $artists = @($r[0].metadata.music[0].artists.name) -join ','
            '{0}|{1}|{2}' -f $r[$_ % 3].metadata.timestamp_utc, $artists, ($r[2] | ConvertTo-Json -Depth 50 -Compress).Length
        }
        ($seen | Sort-Object -Unique).Count | Should -Be 3
        $seen | ForEach-Object { $_ | Should -Match '\|Mira Keller,The Aare Collective\|' }
    }

    It 'is serialised by Export-Clixml with its properties' {
        $path = Join-Path $TestDrive 'records.xml'
        $records | Export-Clixml -Path $path -Depth 5
        $back = Import-Clixml $path
        $back[0].metadata.played_duration | Should -Be 187
        $back[0].StreamId | Should -Be 's-fixture'
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
        $total | Should -BeGreaterOrEqual 2
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
