BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $resultsOf = 's-fixture/results'

    function Invoke-Hostile([hashtable] $Fault, [hashtable] $Extra = @{}) {
        # One stream-day against one scripted answer: what came out, what was reported, and how long it took.
        Reset-StandIn -StandIn $standIn
        Add-StandInFault -StandIn $standIn -Match $resultsOf -Fault @($Fault)
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 @Extra -ErrorAction SilentlyContinue -ErrorVariable failures)
        [pscustomobject]@{ Records = $records; Errors = @($failures); Seconds = $watch.Elapsed.TotalSeconds }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Hostile and broken answers' {
    BeforeAll { Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxRetries 0 -BackoffFactor 0 }

    It 'a gzip bomb (a few MB that inflate to 4 GiB) is cut off at -MaxResponseSize in bounded memory' {
        [GC]::Collect()
        $before = [System.Diagnostics.Process]::GetCurrentProcess().WorkingSet64
        $outcome = Invoke-Hostile @{ kind = 'gzipBomb'; sizeMb = 4096 } @{ MaxResponseSize = 32MB }
        $grown = [System.Diagnostics.Process]::GetCurrentProcess().WorkingSet64 - $before
        $outcome.Records | Should -BeNullOrEmpty
        $outcome.Errors.Count | Should -Be 1
        $outcome.Errors[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ResponseTooLarge,*'
        $outcome.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $outcome.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'MaxResponseSize'
        $outcome.Errors[0].TargetObject.Date | Should -Be ([datetime]'2024-03-01')
        $grown | Should -BeLessThan 400MB
        $outcome.Seconds | Should -BeLessThan 30
    }

    It 'the bound is a connection setting, and an answer within it is read' {
        $small = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxResponseSize 2KB -PassThru
        $small.MaxResponseSize | Should -Be 2048
        Reset-StandIn -StandIn $standIn
        $null = Get-AcrBmCsResult -Connection $small -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ResponseTooLarge,*'
        @(Get-AcrBmCsResult -Connection $small -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 -MaxResponseSize 1MB).Count | Should -Be 3
        (Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru).MaxResponseSize | Should -Be 1GB
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxRetries 0 -BackoffFactor 0
    }

    It '<name> is one <id> error (<category>) naming the stream-day, with no partial records' -ForEach @(
        @{ name = 'JSON nested deeper than the parser allows'; fault = @{ kind = 'status'; status = 200; body = '{"data":[' + ('[' * 5000) + (']' * 5000) + ']}' }; id = 'AcrCloud.InvalidResponse'; category = 'InvalidData' }
        @{ name = 'a body that is not UTF-8'; fault = @{ kind = 'invalidUtf8' }; id = 'AcrCloud.InvalidResponse'; category = 'InvalidData' }
        @{ name = 'a 200 that is not JSON'; fault = @{ kind = 'status'; status = 200; body = '<html><body>Maintenance</body></html>' }; id = 'AcrCloud.InvalidResponse'; category = 'InvalidData' }
        @{ name = 'a 200 whose data is not an array'; fault = @{ kind = 'status'; status = 200; body = '{"data":{"metadata":{}}}' }; id = 'AcrCloud.InvalidResponse'; category = 'InvalidData' }
        @{ name = 'a 200 cut short'; fault = @{ kind = 'badJson' }; id = 'AcrCloud.InvalidResponse'; category = 'InvalidData' }
        @{ name = 'a redirect loop'; fault = @{ kind = 'redirect'; status = 302; location = '/api/bm-cs-projects/1001/streams/s-fixture/results?date=20240301' }; id = 'AcrCloud.TooManyRedirects'; category = 'InvalidResult'; repeat = 10 }
    ) {
        $faults = if ($repeat) { 1..$repeat | ForEach-Object { $fault } } else { @($fault) }
        Reset-StandIn -StandIn $standIn
        Add-StandInFault -StandIn $standIn -Match $resultsOf -Fault $faults
        $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 -ErrorAction SilentlyContinue -ErrorVariable failures)
        $records | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike "$id,*"
        $failures[0].CategoryInfo.Category | Should -Be $category
        "$($failures[0].TargetObject)" | Should -Match 's-fixture'
        $failures[0].Exception.Message | Should -Match '20240301'
    }

    It 'a body that trickles one byte a second ends at -TimeoutSec, retried and then reported once' {
        $outcome = Invoke-Hostile @{ kind = 'trickle'; delayMs = 1000 } @{ TimeoutSec = 2; MaxRetries = 1 }
        # The retry gets the real answer: the trickle was one bad answer, not the day.
        $outcome.Records.Count | Should -Be 3
        $outcome.Errors | Should -BeNullOrEmpty
        $outcome.Seconds | Should -BeLessThan 6

        Reset-StandIn -StandIn $standIn
        Add-StandInFault -StandIn $standIn -Match $resultsOf -Fault @(@{ kind = 'trickle'; delayMs = 1000 }, @{ kind = 'trickle'; delayMs = 1000 })
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 -TimeoutSec 2 -MaxRetries 1 -ErrorAction SilentlyContinue -ErrorVariable failures)
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 7
        $records | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.Timeout,*'
        $failures[0].Exception.Message | Should -Match '20240301'
        $failures[0].Exception.Attempts | Should -Be 2
    }
}

Describe 'A soak: a month of 10 streams with random faults on 10% of the requests' {
    It 'ends with every record once and in order, each day that failed for good reported once, no unobserved task exceptions, bounded memory' {
        Reset-StandIn -StandIn $standIn
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        $streams = 1..10 | ForEach-Object { 's-aare-g{0:00}' -f $_ }
        $days = 0..29 | ForEach-Object { ([datetime]'2026-11-01').AddDays($_) }
        $keyOf = { '{0}|{1}|{2}' -f $_.StreamId, $_.metadata.timestamp_utc, $_.metadata.played_duration }
        $expected = @(Get-AcrBmCsResult -Connection $connection -ProjectId 1001 -StreamId $streams -Date $days | ForEach-Object $keyOf)

        $unobserved = Register-ObjectEvent -InputObject ([System.Threading.Tasks.TaskScheduler]) -EventName UnobservedTaskException -SourceIdentifier AcrCloudSoakUnobserved
        try {
            Reset-StandIn -StandIn $standIn
            Set-StandInChaos -StandIn $standIn -Match '/results' -Share 0.1 -Seed 20261201 -SlowMs 2500
            $before = [GC]::GetTotalMemory($true)
            $actual = @(Get-AcrBmCsResult -Connection $connection -ProjectId 1001 -StreamId $streams -Date $days -TimeoutSec 1 -BackoffFactor 0.05 -ErrorAction SilentlyContinue -ErrorVariable failures | ForEach-Object $keyOf)
            $requests = @(Get-StandInRequest -StandIn $standIn)
            Set-StandInChaos -StandIn $standIn -Share 0
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            Start-Sleep -Milliseconds 200
            $grown = [GC]::GetTotalMemory($true) - $before
            @(Get-Event -SourceIdentifier AcrCloudSoakUnobserved -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        }
        finally {
            Unregister-Event -SourceIdentifier AcrCloudSoakUnobserved
            Get-Event -SourceIdentifier AcrCloudSoakUnobserved -ErrorAction SilentlyContinue | Remove-Event
        }

        $faulted = @($requests | Where-Object { $_.status -ne 200 }).Count
        $faulted | Should -BeGreaterThan 10 -Because 'the weather must really have been bad'
        # Each day that failed for good is named once; its records are missing, every other record is there once, in order.
        $failedDays = @($failures | ForEach-Object { '{0}|{1:yyyy-MM-dd}' -f $_.TargetObject.StreamId, $_.TargetObject.Date })
        @($failedDays | Sort-Object -Unique).Count | Should -Be $failedDays.Count
        $kept = @($expected | Where-Object { $parts = $_ -split '\|'; "$($parts[0])|$($parts[1].Substring(0, 10))" -notin $failedDays })
        ($actual -join "`n") | Should -BeExactly ($kept -join "`n")
        $grown | Should -BeLessThan 200MB
        Write-Host ("soak: {0} requests, {1} faulted, {2} stream-days failed for good ({3}), {4} of {5} records, 0 lost otherwise" -f $requests.Count, $faulted, $failedDays.Count, (($failures | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' } | Sort-Object -Unique) -join ', '), $actual.Count, $expected.Count)
    }
}
