BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    # Two loopback origins: the second must never receive the token.
    $standIn = Start-AcrCloudStandIn -Address 127.0.0.1, 127.0.0.2
    $otherOrigin = $standIn.Urls[1]
    $projectPath = '/api/bm-cs-projects/1001'

    function Get-AttemptTimes([string] $Like = '*') {
        # Invoke-RestMethod already turned the ISO times into DateTime values, milliseconds included.
        Get-StandInRequest -StandIn $standIn | Where-Object path -Like $Like | ForEach-Object { ([datetime]$_.time).ToUniversalTime() }
    }

    function Get-Gaps([datetime[]] $Times) {
        for ($i = 1; $i -lt $Times.Count; $i++) { ($Times[$i] - $Times[$i - 1]).TotalSeconds }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Retries' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxRetries 2 -BackoffFactor 0
    }

    It 'retries <status> (transient) up to -MaxRetries' -ForEach @(408, 429, 500, 502, 503, 504 | ForEach-Object { @{ status = $_ } }) {
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault (1..3 | ForEach-Object { @{ kind = 'status'; status = $status } })
        { Invoke-AcrCloudRequest $projectPath } | Should -Throw
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 3
    }

    It 'never retries <status>' -ForEach @(400, 401, 403, 404, 422 | ForEach-Object { @{ status = $_ } }) {
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'status'; status = $status; body = '{"message":"No."}' })
        $err = { Invoke-AcrCloudRequest $projectPath } | Should -Throw -PassThru
        $err.Exception.StatusCode | Should -Be $status
        $err.Exception.ApiMessage | Should -Be 'No.'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }

    It 'retries dropped connections, cut bodies and time-outs, then succeeds' {
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'drop' }, @{ kind = 'dropMidBody' }, @{ kind = 'slow'; delayMs = 3000 })
        (Invoke-AcrCloudRequest $projectPath -MaxRetries 3 -TimeoutSec 1).data.id | Should -Be 1001
        (Get-StandInRequest -StandIn $standIn).status | Should -Be @(0, 0, 0, 200)
    }

    It 'makes one attempt with -MaxRetries 0' {
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'status'; status = 503 })
        { Invoke-AcrCloudRequest $projectPath -MaxRetries 0 } | Should -Throw -ErrorId 'AcrCloud.ServerError,*'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }

    It 'does not retry a POST' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects' -Fault @(@{ kind = 'status'; status = 503 })
        { Invoke-AcrCloudRequest /api/bm-cs-projects -Method Post -Body @{ name = 'x' } -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.ServerError,*'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }

    It 'waits like urllib3: nothing before the first retry, then factor × 2^(n−1), plus at most a quarter of jitter' {
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault (1..3 | ForEach-Object { @{ kind = 'status'; status = 503 } })
        (Invoke-AcrCloudRequest $projectPath -MaxRetries 3 -BackoffFactor 0.2).data.id | Should -Be 1001
        $gaps = @(Get-Gaps (Get-AttemptTimes))
        $gaps.Count | Should -Be 3
        $gaps[0] | Should -BeLessThan 0.15
        $gaps[1] | Should -BeGreaterOrEqual 0.39
        # Scheduling slack of a busy two-core machine on top; the next larger wait (a doubling too many)
        # would still fall outside.
        $gaps[1] | Should -BeLessThan (0.4 * 1.25 + 0.25)
        $gaps[2] | Should -BeGreaterOrEqual 0.79
        $gaps[2] | Should -BeLessThan (0.8 * 1.25 + 0.25)
    }

    It 'obeys Retry-After in seconds with decimals on 429' {
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'status'; status = 429; retryAfter = '0.7' })
        $null = Invoke-AcrCloudRequest $projectPath
        $gap = @(Get-Gaps (Get-AttemptTimes))[0]
        $gap | Should -BeGreaterOrEqual 0.68
        $gap | Should -BeLessThan 1.5
    }

    It 'obeys Retry-After as an HTTP date on 503' {
        $when = [datetime]::UtcNow.AddSeconds(2).ToString('r', [cultureinfo]::InvariantCulture)
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'status'; status = 503; retryAfter = $when })
        $null = Invoke-AcrCloudRequest $projectPath
        $gap = @(Get-Gaps (Get-AttemptTimes))[0]
        $gap | Should -BeGreaterOrEqual 0.9
        $gap | Should -BeLessThan 3.5
    }

    It 'lets one call override the connection''s settings' {
        Add-StandInFault -StandIn $standIn -Match 's-fixture/results' -Fault (1..5 | ForEach-Object { @{ kind = 'status'; status = 500 } })
        $records = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 -MaxRetries 5
        @($records).Count | Should -Be 3
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 6
    }
}

Describe 'Errors' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxRetries 0 -BackoffFactor 0
    }

    It 'maps <status> to <category> with ErrorId <id>' -ForEach @(
        @{ status = 401; category = 'AuthenticationError'; id = 'AcrCloud.Unauthenticated' }
        @{ status = 403; category = 'PermissionDenied'; id = 'AcrCloud.Forbidden' }
        @{ status = 404; category = 'ObjectNotFound'; id = 'AcrCloud.NotFound' }
        @{ status = 422; category = 'InvalidArgument'; id = 'AcrCloud.ValidationFailed' }
        @{ status = 429; category = 'LimitsExceeded'; id = 'AcrCloud.TooManyRequests' }
        @{ status = 500; category = 'ResourceUnavailable'; id = 'AcrCloud.ServerError' }
        @{ status = 503; category = 'ResourceUnavailable'; id = 'AcrCloud.ServerError' }
    ) {
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'status'; status = $status; body = '{"message":"Told you so."}' })
        $err = { Invoke-AcrCloudRequest $projectPath } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "$id,AcrCloud.PowerShell.Commands.InvokeAcrCloudRequestCommand"
        $err.CategoryInfo.Category | Should -Be $category
        $err.Exception.ApiMessage | Should -Be 'Told you so.'
        $err.ErrorDetails.Message | Should -Match 'Told you so\.'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'bounds an HTML proxy page in the error' {
        $page = '<html><body><h1>502 Bad Gateway</h1>' + ('<p>nginx</p>' * 2000) + '</body></html>'
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'status'; status = 502; body = $page })
        $err = { Invoke-AcrCloudRequest $projectPath } | Should -Throw -PassThru
        $err.Exception.StatusCode | Should -Be 502
        $err.Exception.ResponseBody.Length | Should -BeLessThan 4200
        $err.Exception.ResponseBody | Should -Match '502 Bad Gateway'
        $err.ErrorDetails.Message.Length | Should -BeLessThan 300
    }
}

Describe 'Ctrl+C' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'stops a back-off wait at once' {
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        Add-StandInFault -StandIn $standIn -Match $projectPath -Fault @(@{ kind = 'status'; status = 503; retryAfter = '60' })
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $c, $p) Import-Module $m; Invoke-AcrCloudRequest $p -Connection $c }).AddArgument($ModulePath).AddArgument($connection).AddArgument($projectPath)
        $handle = $ps.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while (-not (Get-StandInRequest -StandIn $standIn) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Start-Sleep -Milliseconds 200
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }
}

Describe 'The token and other origins' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -MaxRetries 0
    }

    It 'follows a redirect within its own origin, with the token' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1002' -Fault @(@{ kind = 'redirect'; status = 302; location = '/api/bm-cs-projects/1001' })
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1002).data.id | Should -Be 1001
        $requests = @(Get-StandInRequest -StandIn $standIn)
        $requests.path | Should -Be @('/api/bm-cs-projects/1002', '/api/bm-cs-projects/1001')
        $requests.authorization | Should -Be @("Bearer $($standIn.Token)", "Bearer $($standIn.Token)")
    }

    It 'never follows a redirect to another origin, so the token never reaches it' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1002' -Fault @(@{ kind = 'redirect'; status = 307; location = "$otherOrigin/api/bm-cs-projects/1001" })
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects/1002 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.RedirectNotFollowed,*'
        $err.Exception.StatusCode | Should -Be 307
        $requests = @(Get-StandInRequest -StandIn $standIn)
        $requests.Count | Should -Be 1
        $requests | Where-Object host -Like '127.0.0.2*' | Should -BeNullOrEmpty
    }

    It 'refuses a path on another origin before sending anything' {
        { Invoke-AcrCloudRequest "$otherOrigin/api/bm-cs-projects" } | Should -Throw -ErrorId 'AcrCloud.ForeignOrigin,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'is sent to a second loopback origin only when connected to it' {
        $second = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $otherOrigin -PassThru
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -Connection $second).data.id | Should -Be 1001
        (Get-StandInRequest -StandIn $standIn).host | Should -BeLike '127.0.0.2*'
    }
}

Describe 'Parallel runspaces' {
    It 'share one connection across 16 runspaces with every record correct' {
        Reset-StandIn -StandIn $standIn
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        $jobs = 1..16 | ForEach-Object { [pscustomobject]@{ Stream = @('s-aare-pop', 's-aare-klassik', 's-onda-1', 's-fixture')[$_ % 4]; Project = @(1001, 1001, 1002, 1001)[$_ % 4]; Day = [datetime]'2026-11-01' + [timespan]::FromDays($_ % 5) } }
        $results = $jobs | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:ModulePath
            $records = @(Get-AcrBmCsResult -Connection $using:connection -ProjectId $_.Project -StreamId $_.Stream -Date $_.Day)
            [pscustomobject]@{ Key = "$($_.Stream)@$($_.Day.ToString('yyyyMMdd'))"; Json = ($records | Select-Object * -ExcludeProperty ProjectId, StreamId | ForEach-Object { ConvertTo-Json -InputObject $_ -Depth 50 -Compress }) -join "`n" }
        }
        @($results).Count | Should -Be 16
        foreach ($result in $results) {
            $stream, $day = $result.Key -split '@'
            $project = if ($stream -like 's-onda-*') { 1002 } else { 1001 }
            $raw = Invoke-WebRequest -Uri "$($standIn.Url)/api/bm-cs-projects/$project/streams/$stream/results?date=$day" -Headers @{ Authorization = "Bearer $($standIn.Token)" }
            $expected = (($raw.Content | ConvertFrom-Json -AsHashtable).data | ForEach-Object { ConvertTo-Json -InputObject $_ -Depth 50 -Compress }) -join "`n"
            $result.Json | Should -BeExactly $expected -Because $result.Key
        }
    }
}
