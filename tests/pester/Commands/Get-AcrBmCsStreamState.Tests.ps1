BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmCsStreamState' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'splits a range across the end of summer time into one request per offset, with the sign inverted' {
        $null = Get-AcrBmCsStreamState -ProjectId 1001 -StreamId s-aare-pop -From 2026-10-24 -To 2026-10-26 -TimeZone Europe/Zurich
        $requests = @(Get-Requests $standIn | Where-Object path -like '*/state')
        $requests.Count | Should -Be 2
        $requests[0].Params | Should -Not -BeNullOrEmpty
        $requests[0].Params.timeoffset | Should -Be '-120'
        $requests[0].Params.start_date | Should -Be '20261024'
        $requests[0].Params.end_date | Should -Be '20261025'
        $requests[1].Params.timeoffset | Should -Be '-60'
        $requests[1].Params.start_date | Should -Be '20261025'
        $requests[1].Params.end_date | Should -Be '20261026'
    }

    It 'gives local times right on both sides of the change, in order, with no gap or overlap' {
        $states = @(Get-AcrBmCsStreamState -ProjectId 1001 -StreamId s-aare-pop -From 2026-10-24 -To 2026-10-26 -TimeZone Europe/Zurich)
        $states[0].Start | Should -Be ([DateTimeOffset]'2026-10-24T00:00:00+02:00')
        $states[-1].End | Should -Be ([DateTimeOffset]'2026-10-27T00:00:00+01:00')
        for ($i = 1; $i -lt $states.Count; $i++) { $states[$i].StartUtc | Should -Be $states[$i - 1].EndUtc }
        ($states | Measure-Object DurationSec -Sum).Sum | Should -Be (86400 + 90000 + 86400)
        # The daily failure at 01:10 UTC: 03:10 CEST before the change, 02:10 CET (the repeated hour) after it.
        $failures = @($states | Where-Object { $_.Code -eq 12 -and $_.StartUtc.TimeOfDay -eq [timespan]'01:10:00' })
        $failures.Start | ForEach-Object { $_.ToString('yyyy-MM-dd HH:mm zzz') } | Should -Be @('2026-10-24 03:10 +02:00', '2026-10-25 02:10 +01:00', '2026-10-26 02:10 +01:00')
        $failures[0].State | Should -Be 'Code 12'
        $failures[0].DurationSec | Should -Be 1200
        $states[0].State | Should -Be 'Running'
        $states[0].StreamId | Should -Be 's-aare-pop'
        $states[0].ProjectId | Should -Be 1001
        $states[0].StartUtc.Kind | Should -Be 'Utc'
    }

    It 'joins the interval that the split cut in two, and only that one' {
        $states = @(Get-AcrBmCsStreamState -ProjectId 1001 -StreamId s-aare-pop -From 2026-10-24 -To 2026-10-26 -TimeZone Europe/Zurich)
        $change = [datetime]::new(2026, 10, 25, 1, 0, 0, [DateTimeKind]::Utc)
        $across = @($states | Where-Object { $_.StartUtc -lt $change -and $_.EndUtc -gt $change })
        $across.Count | Should -Be 1
        $across[0].Start.ToString('yyyy-MM-dd HH:mm:ss zzz') | Should -Be '2026-10-24 22:06:30 +02:00'
        $across[0].End.ToString('yyyy-MM-dd HH:mm:ss zzz') | Should -Be '2026-10-25 02:10:00 +01:00'
    }

    It 'sums up each local day with -Summary, the 25-hour day included' {
        $days = @(Get-AcrBmCsStreamState -ProjectId 1001 -StreamId s-aare-pop, s-aare-quiet -From 2026-10-24 -To 2026-10-25 -TimeZone Europe/Zurich -Summary)
        $days.Count | Should -Be 4
        $days[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.PowerShell.AcrBmCsStreamUptime'
        $days.StreamId | Should -Be @('s-aare-pop', 's-aare-pop', 's-aare-quiet', 's-aare-quiet')
        $days.Date | ForEach-Object { $_.ToString('yyyy-MM-dd') } | Should -Be @('2026-10-24', '2026-10-25', '2026-10-24', '2026-10-25')
        $days[1].TotalSec | Should -Be 90000
        $days[1].ValidSec | Should -Be (90000 - 1200 - 420 - 390)
        $days[1].Outages | Should -Be 3
        $days[1].UptimePercent | Should -Be ([math]::Round(100 * (90000 - 2010) / 90000, 2))
        $days[2].ValidSec | Should -Be 0
        $days[2].UptimePercent | Should -Be 0
        $intervals = Get-AcrBmCsStreamState -ProjectId 1001 -StreamId s-aare-pop -From 2026-10-24 -TimeZone Europe/Zurich
        $days[0].ValidSec | Should -Be (($intervals | Where-Object Code -eq 0 | Measure-Object DurationSec -Sum).Sum)
    }

    It 'takes stream objects from the pipeline, one UTC day by default' {
        $states = @(Get-AcrBmCsStream -ProjectId 1002 -Sort stream_id -Order asc | Select-Object -First 2 | Get-AcrBmCsStreamState -From 2026-11-02)
        ($states.StreamId | Select-Object -Unique) | Should -Be @('s-onda-1', 's-onda-2')
        ($states | Where-Object StreamId -eq 's-onda-1' | Measure-Object DurationSec -Sum).Sum | Should -Be 86400
        (Get-Requests $standIn | Where-Object path -like '*/state')[0].Params.timeoffset | Should -Be '0'
    }

    It 'writes a non-terminating error naming a stream it cannot read, and goes on' {
        $states = @(Get-AcrBmCsStreamState -ProjectId 1001 -StreamId s-nope, s-aare-pop -From 2026-11-02 -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound*'
        "$($problems[0].TargetObject)" | Should -Match 's-nope'
        $states.StreamId | Select-Object -Unique | Should -Be 's-aare-pop'
    }

    It 'refuses a range that ends before it starts, and an unknown zone, before sending anything' {
        { Get-AcrBmCsStreamState 1001 s-aare-pop -From 2026-11-02 -To 2026-11-01 } | Should -Throw -ErrorId 'AcrCloud.InvalidDateRange*'
        { Get-AcrBmCsStreamState 1001 s-aare-pop -From 2026-11-02 -TimeZone Mars/Olympus } | Should -Throw -ErrorId 'AcrCloud.UnknownTimeZone*'
        @(Get-Requests $standIn).Count | Should -Be 0
    }

    It 'shows a table of the state intervals' {
        $text = Get-AcrBmCsStreamState 1001 s-aare-pop -From 2026-11-02 | Format-Table | Out-String -Width 200
        $text | Should -Match 'StreamId\s+Start\s+End\s+State\s+DurationSec'
        $text | Should -Match 's-aare-pop\s+2026-11-02 00:00:00\+00:00'
    }
}
