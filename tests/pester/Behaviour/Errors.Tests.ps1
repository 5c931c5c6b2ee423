BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    # Two loopback origins: the second must never receive the token.
    $standIn = Start-AcrCloudStandIn -Address 127.0.0.1, 127.0.0.2
    $otherOrigin = $standIn.Urls[1]
    $days = 0..29 | ForEach-Object { ([datetime]'2026-11-01').AddDays($_) }
    $streams = 1..10 | ForEach-Object { "s-load$_" }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'A failed request is a non-terminating error in every cmdlet' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxRetries 0 -BackoffFactor 0
    }

    It '<name> obeys -ErrorAction SilentlyContinue and -ErrorVariable' -ForEach @(
        @{ name = 'Invoke-AcrCloudRequest'; match = '/api/bm-cs-projects/1001'; run = { Invoke-AcrCloudRequest /api/bm-cs-projects/1001 @args } }
        @{ name = 'Get-AcrBmCsProject'; match = '/api/bm-cs-projects/1001'; run = { Get-AcrBmCsProject -ProjectId 1001 @args } }
        @{ name = 'Get-AcrBmCsStream'; match = '/api/bm-cs-projects/1001/streams'; run = { Get-AcrBmCsStream -ProjectId 1001 @args } }
        @{ name = 'Get-AcrBmCsResult'; match = 's-fixture/results'; run = { Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 @args } }
        @{ name = 'Get-AcrBmCsStreamState'; match = 's-aare-pop/state'; run = { Get-AcrBmCsStreamState 1001 s-aare-pop -From 2026-11-02 @args } }
        @{ name = 'Get-AcrBmBdProject'; match = '/api/bm-bd-projects'; run = { Get-AcrBmBdProject @args } }
        @{ name = 'Set-AcrBmCsStream'; match = '/streams/s-aare-pop'; run = { Set-AcrBmCsStream 1001 s-aare-pop -Name 'New name' -Confirm:$false @args } }
        @{ name = 'Suspend-AcrBmCsStream'; match = '/pause'; run = { Suspend-AcrBmCsStream 1001 s-aare-pop -Confirm:$false @args } }
        @{ name = 'Remove-AcrBmCsProject'; match = '/api/bm-cs-projects/1001'; run = { Remove-AcrBmCsProject 1001 -Confirm:$false @args } }
    ) {
        Add-StandInFault -StandIn $standIn -Match $match -Fault @(@{ kind = 'status'; status = 500; body = '{"message":"Broken today."}' })
        # Dot-sourced, so -ErrorVariable lands in this scope.
        $output = . $run -ErrorAction SilentlyContinue -ErrorVariable failures
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ServerError,*'
        $failures[0].Exception.ApiMessage | Should -Be 'Broken today.'
        $output | Should -BeNullOrEmpty
    }

    It 'sets $? to false' {
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/999999 -ErrorAction SilentlyContinue
        $invoked = $?
        $null = Get-AcrBmCsProject -ProjectId 999999 -ErrorAction SilentlyContinue
        $listed = $?
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/1001
        $fine = $?
        $invoked, $listed, $fine | Should -Be @($false, $false, $true)
    }

    It 'Invoke-AcrCloudRequest goes on with the next path of the pipeline after a failed one' {
        $answers = @{ Path = '/api/bm-cs-projects/999999' }, @{ Path = '/api/bm-cs-projects/1001' } | ForEach-Object { [pscustomobject]$_ } | Invoke-AcrCloudRequest -ErrorAction SilentlyContinue -ErrorVariable failures
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        $failures[0].TargetObject | Should -Be '/api/bm-cs-projects/999999'
        @($answers).data.id | Should -Be 1001
    }

    It 'is caught by try/catch with -ErrorAction Stop, as the original error' {
        $caught = $null
        try { Invoke-AcrCloudRequest /api/bm-cs-projects/999999 -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'AcrCloud.NotFound,AcrCloud.PowerShell.Commands.InvokeAcrCloudRequestCommand'
        $caught.Exception.StatusCode | Should -Be 404
    }

    It 'prints nothing and stops nothing with -ErrorAction Ignore' {
        $after = & { Invoke-AcrCloudRequest /api/bm-cs-projects/999999 -ErrorAction Ignore; 'went on' }
        $after | Should -Be 'went on'
    }

    It 'a broken precondition stays terminating: not connected' {
        Disconnect-AcrCloud
        $caught = $null
        try { Invoke-AcrCloudRequest /api/bm-cs-projects -ErrorAction SilentlyContinue; $reached = $true } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotConnected,*'
        $reached | Should -BeNullOrEmpty
    }
}

Describe 'Refusals are errors with their own ErrorId, category and advice' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxRetries 0 -BackoffFactor 0
    }

    It 'a path on another origin is AcrCloud.ForeignOrigin, and nothing is sent' {
        $null = Invoke-AcrCloudRequest "$otherOrigin/api/bm-cs-projects" -ErrorAction SilentlyContinue -ErrorVariable failures
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ForeignOrigin,*'
        $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-AcrCloud -BaseUrl'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'a redirect to another origin is AcrCloud.RedirectNotFollowed, and the token stays here' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1002' -Fault @(@{ kind = 'redirect'; status = 302; location = "$otherOrigin/api/bm-cs-projects/1001" })
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/1002 -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.RedirectNotFollowed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failures[0].Exception.Message | Should -Match '127\.0\.0\.2'
        $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }

    It 'a redirect that would turn a POST into a GET is AcrCloud.RedirectNotFollowed' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects' -Fault @(@{ kind = 'redirect'; status = 302; location = '/api/bm-cs-projects/1001' })
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects -Method Post -Body @{ name = 'x' } -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.RedirectNotFollowed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }

    It 'a redirect loop is AcrCloud.TooManyRedirects after a bounded number of hops' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1002' -Fault (1..20 | ForEach-Object { @{ kind = 'redirect'; status = 302; location = '/api/bm-cs-projects/1002' } })
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/1002 -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.TooManyRedirects,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 6
    }

    It 'Connect-AcrCloud -BaseUrl http://remote-host is AcrCloud.InsecureBaseUrl with advice' {
        $caught = $null
        try { Connect-AcrCloud -BearerToken x -BaseUrl http://remote-host } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'AcrCloud.InsecureBaseUrl,AcrCloud.PowerShell.Commands.ConnectAcrCloudCommand'
        $caught.CategoryInfo.Category | Should -Be 'SecurityError'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'https'
        $caught.Exception.Message | Should -Match 'AllowUnencryptedAuthentication'
    }
}

Describe 'A refused token stops the command' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'Get-AcrBmCsResult over a month of 10 streams sends a few requests, not 300, and writes one error' {
        $bad = Connect-AcrCloud -BearerToken 'revoked-token' -BaseUrl $standIn.Url -BackoffFactor 0 -PassThru
        $records = Get-AcrBmCsResult -Connection $bad -ProjectId 1001 -StreamId $streams -Date $days -ErrorAction SilentlyContinue -ErrorVariable failures
        $records | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.Unauthenticated,*'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'token'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'no further requests'
        # At most the 8 in flight when the first refusal came back, and the one started as the first was taken.
        @(Get-StandInRequest -StandIn $standIn).Count | Should -BeLessOrEqual 9
    }

    It 'a 403 stops it the same way, after the records already fetched' {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
        Add-StandInFault -StandIn $standIn -Match '/results' -Date 20261103 -Fault (1..10 | ForEach-Object { @{ kind = 'status'; status = 403; body = '{"message":"This action is unauthorized."}' } })
        Add-StandInFault -StandIn $standIn -Match '/results' -Date 20261104 -Fault (1..10 | ForEach-Object { @{ kind = 'status'; status = 403; body = '{"message":"This action is unauthorized."}' } })
        $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date $days -ThrottleLimit 1 -ErrorAction SilentlyContinue -ErrorVariable failures)
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.Forbidden,*'
        # With one stream-day at a time, at most the one started as the refused one was taken follows it.
        $dates = @((Get-Requests $standIn).Params.date)
        @($dates | Sort-Object)[0..2] | Should -Be @('20261101', '20261102', '20261103')
        $dates.Count | Should -BeLessOrEqual 4
        $records.Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_.metadata.timestamp_utc -notlike '2026-11-0[12]*' }) | Should -BeNullOrEmpty
    }

    It 'a pipeline of many items stops after the first refusal' {
        $bad = Connect-AcrCloud -BearerToken 'revoked-token' -BaseUrl $standIn.Url -PassThru
        1001, 1002, 1003 | Get-AcrBmCsStream -Connection $bad -ErrorAction SilentlyContinue -ErrorVariable failures
        @($failures).Count | Should -Be 1
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }
}
