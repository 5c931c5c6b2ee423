BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    # Answers that take a while, so that what the client has in flight shows in the stand-in's log.
    $slowStandIn = Start-AcrCloudStandIn -DelayMs 100
    $days = 0..29 | ForEach-Object { ([datetime]'2026-11-01').AddDays($_) }
    $dates = $days | ForEach-Object { $_.ToString('yyyyMMdd') }
    $streams = 1..10 | ForEach-Object { 's-aare-g{0:00}' -f $_ }

    function Get-Arrival($Request) { ([datetime]$Request.time).ToUniversalTime() }

    function Get-RecordKey {
        # Which record it is and where it came from: enough to see each exactly once and in order.
        process { '{0}|{1}|{2}|{3}' -f $_.StreamId, $_.metadata.timestamp_utc, $_.metadata.played_duration, @($_.metadata.music)[0].acrid }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn, $slowStandIn | Stop-AcrCloudStandIn
}

Describe 'One back-off for the whole connection' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0 -PassThru
    }

    It 'a Retry-After on 8 requests in flight pauses them once, with one verbose line' {
        foreach ($date in $dates[0..7]) {
            Add-StandInFault -StandIn $standIn -Match 's-aare-g01/results' -Date $date -Fault @(@{ kind = 'status'; status = 429; retryAfter = '1' })
        }
        $output = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-g01 -Date $days[0..7] -Verbose 4>&1
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object Message -Match 'every request of this connection waits').Count | Should -Be 1
        @($verbose | Where-Object Message -Match 'Attempt \d+ of \d+ failed: HTTP 429') | Should -BeNullOrEmpty
        @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0

        $requests = @(Get-StandInRequest -StandIn $standIn)
        $requests.Count | Should -Be 16
        $refused = @($requests | Where-Object status -EQ 429)
        $refused.Count | Should -Be 8
        $lastRefused = ($refused | ForEach-Object { Get-Arrival $_ } | Measure-Object -Maximum).Maximum
        $firstRefused = ($refused | ForEach-Object { Get-Arrival $_ } | Measure-Object -Minimum).Minimum
        $retries = @($requests | Where-Object status -EQ 200 | ForEach-Object { Get-Arrival $_ })
        foreach ($retry in $retries) { ($retry - $firstRefused).TotalSeconds | Should -BeGreaterOrEqual 0.95 }
        # One pause of about a second, not eight waits in a row.
        (($retries | Measure-Object -Maximum).Maximum - $lastRefused).TotalSeconds | Should -BeLessThan 1.8
    }

    It 'holds back a request the connection had not yet sent, from another command' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1001' -Fault @(@{ kind = 'status'; status = 429; retryAfter = '2' })
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $c) Import-Module $m; Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -Connection $c }).AddArgument($ModulePath).AddArgument($connection)
        $handle = $ps.BeginInvoke()
        try {
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (-not (Get-StandInRequest -StandIn $standIn | Where-Object status -EQ 429) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            (Invoke-AcrCloudRequest /api/bm-cs-projects/1002 -Connection $connection).data.id | Should -Be 1002
            $watch.Elapsed.TotalSeconds | Should -BeGreaterThan 1.2
            @($ps.EndInvoke($handle)).data.id | Should -Be 1001
        }
        finally { $ps.Dispose() }
        $requests = @(Get-StandInRequest -StandIn $standIn)
        $refusedAt = Get-Arrival ($requests | Where-Object status -EQ 429)
        foreach ($later in $requests | Where-Object status -EQ 200) { ((Get-Arrival $later) - $refusedAt).TotalSeconds | Should -BeGreaterOrEqual 1.9 }
    }

    It 'a Retry-After longer than 5 minutes (a year) is not waited for: one clear error at once' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1001' -Fault @(@{ kind = 'status'; status = 429; retryAfter = '31536000' })
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -ErrorAction SilentlyContinue -ErrorVariable failures
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.TooManyRequests,*'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match '365 days'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
        # The connection is not left paused for a year either.
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1002).data.id | Should -Be 1002
    }
}

Describe 'Requests in flight adapt' {
    BeforeEach { Reset-StandIn -StandIn $slowStandIn }

    It 'halve on a 429 and never exceed -ThrottleLimit' {
        $slow = Connect-AcrCloud -BearerToken $slowStandIn.Token -BaseUrl $slowStandIn.Url -BackoffFactor 0 -PassThru
        foreach ($date in $dates[0..7]) {
            Add-StandInFault -StandIn $slowStandIn -Match 's-aare-g01/results' -Date $date -Fault @(@{ kind = 'status'; status = 429; retryAfter = '1' })
        }
        $records = @(Get-AcrBmCsResult -Connection $slow -ProjectId 1001 -StreamId s-aare-g01 -Date $days -ThrottleLimit 8)
        $records.Count | Should -BeGreaterThan 0
        $requests = @(Get-StandInRequest -StandIn $slowStandIn)
        $requests.Count | Should -Be 38
        ($requests.inFlight | Measure-Object -Maximum).Maximum | Should -Be 8
        $refusedAt = ($requests | Where-Object status -EQ 429 | ForEach-Object { Get-Arrival $_ } | Measure-Object -Maximum).Maximum
        # After the 429s, half as many at a time: the first dozen are sent well within the growth interval.
        $after = @($requests | Where-Object { (Get-Arrival $_) -gt $refusedAt })
        $after.Count | Should -Be 30
        ($after[0..11].inFlight | Measure-Object -Maximum).Maximum | Should -Be 4
        ($after.inFlight | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 8
    }
}

Describe 'A rate-limited month' {
    It 'finishes: 10 streams × 30 days, every record once and in order, at most 10% more requests than stream-days' {
        Reset-StandIn -StandIn $standIn
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        $expected = @(Get-AcrBmCsResult -Connection $connection -ProjectId 1001 -StreamId $streams -Date $days | Get-RecordKey)
        $expected.Count | Should -BeGreaterThan 1000

        Reset-StandIn -StandIn $standIn
        Set-StandInRateLimit -StandIn $standIn -PerSecond 50
        $limited = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        $actual = @(Get-AcrBmCsResult -Connection $limited -ProjectId 1001 -StreamId $streams -Date $days -ErrorVariable failures | Get-RecordKey)
        $failures | Should -BeNullOrEmpty
        $actual.Count | Should -Be $expected.Count
        ($actual -join "`n") | Should -BeExactly ($expected -join "`n")
        $requests = @(Get-StandInRequest -StandIn $standIn)
        @($requests | Where-Object status -EQ 429).Count | Should -BeGreaterThan 0 -Because 'the limit must really have been met'
        $requests.Count | Should -BeLessOrEqual 330
        # For the fault matrix in the README.
        Write-Host ("rate-limited month: {0} records, {1} requests ({2} refused with 429)" -f $actual.Count, $requests.Count, @($requests | Where-Object status -EQ 429).Count)
    }
}
