BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Invoke-AcrCloudRequest' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        # Some tests connect elsewhere (Connect-AcrCloud -PassThru also becomes the default): start each from the stand-in.
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'returns an object answer as one object with the API''s shape' {
        $page = Invoke-AcrCloudRequest -Path /api/bm-cs-projects
        @($page).Count | Should -Be 1
        $page.PSObject.Properties.Name | Should -Be @('data', 'links', 'meta')
        $page.meta.current_page | Should -Be 1
        $page.meta.total | Should -BeOfType [long]
        $page.data[0].id | Should -BeOfType [long]
    }

    It 'takes the path by position and sends -Query as the query string' {
        $page = Invoke-AcrCloudRequest /api/bm-cs-projects -Query @{ page = 2; per_page = 5 }
        $page.meta.current_page | Should -Be 2
        $page.meta.per_page | Should -Be 5
        $page.data.Count | Should -Be 5
        (Get-Requests $standIn)[0].Params | Should -Not -BeNullOrEmpty
        (Get-Requests $standIn)[0].Params.per_page | Should -Be '5'
    }

    It 'escapes query values and sends flags as 1/0' {
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/1001/streams -Query ([ordered]@{ search_value = 'Zürich & Co'; timemap = $true })
        $request = (Get-Requests $standIn)[0]
        $request.Params.search_value | Should -BeExactly 'Zürich & Co'
        $request.Params.timemap | Should -Be '1'
    }

    It 'enumerates a top-level array' {
        $items = Invoke-AcrCloudRequest /api/bm-cs-projects/1001/streams | ForEach-Object data
        @($items).Count | Should -BeGreaterThan 1
        $fromStream = (Invoke-AcrCloudRequest /api/bm-cs-projects/1001/streams/s-fixture/results -Query @{ date = '20240301' }).data
        @($fromStream).Count | Should -Be 3
    }

    It 'reproduces the API''s JSON through ConvertTo-Json' {
        $answer = Invoke-AcrCloudRequest /api/bm-cs-projects/1001/streams/s-fixture/results -Query @{ date = '20240301' }
        $expected = Get-Content -Raw $FixturePath | ConvertFrom-Json -AsHashtable | ConvertTo-Json -Depth 50 -Compress
        $answer | ConvertTo-Json -Depth 50 -Compress | Should -BeExactly $expected
    }

    It 'accepts an absolute URL of the connection''s own origin, such as a pagination link' {
        $first = Invoke-AcrCloudRequest /api/bm-cs-projects -Query @{ per_page = 10 }
        $second = Invoke-AcrCloudRequest $first.links.next
        $second.meta.current_page | Should -Be 2
    }

    It 'refuses an absolute URL of another origin and sends nothing' {
        $err = { Invoke-AcrCloudRequest 'http://127.0.0.2:9/api/bm-cs-projects' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ForeignOrigin,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'turns a 404 into ObjectNotFound with the API''s message' {
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects/999999 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'AcrCloud.NotFound,AcrCloud.PowerShell.Commands.InvokeAcrCloudRequestCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.StatusCode | Should -Be 404
        $err.Exception.ApiMessage | Should -Be 'Not Found'
        $err.ErrorDetails.Message | Should -Match '404'
        $err.ErrorDetails.Message | Should -Match 'Not Found'
        $err.TargetObject | Should -Be '/api/bm-cs-projects/999999'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }

    It 'turns a 401 into AuthenticationError, tried once' {
        $bad = Connect-AcrCloud -BearerToken 'wrong-token' -BaseUrl $standIn.Url -PassThru
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects -Connection $bad } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.Unauthenticated,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.ApiMessage | Should -Be 'Unauthenticated.'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }

    It 'turns a 422 into InvalidArgument with the field errors' {
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects -Query @{ per_page = 1000 } } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ValidationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.FieldErrors.Keys | Should -Contain 'per_page'
        $err.ErrorDetails.Message | Should -Match 'per_page'
    }

    It 'retries a transient 503 and returns the answer' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1001' -Fault @(@{ kind = 'status'; status = 503 }, @{ kind = 'status'; status = 502 })
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.id | Should -Be 1001
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 3
    }

    It 'gives up after -MaxRetries and reports ResourceUnavailable with the status' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1001' -Fault (1..5 | ForEach-Object { @{ kind = 'status'; status = 503 } })
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -MaxRetries 2 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ServerError,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $err.Exception.StatusCode | Should -Be 503
        $err.Exception.Attempts | Should -Be 3
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 3
    }

    It 'writes one verbose line per retry' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1001' -Fault @(@{ kind = 'status'; status = 503 })
        $verbose = Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -Match 'Attempt 1 of 6 failed: HTTP 503.*Retrying in').Count | Should -Be 1
    }

    It 'reports a connection refused as ConnectionError' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $dead = Connect-AcrCloud -BearerToken 'x' -BaseUrl "http://127.0.0.1:$port" -MaxRetries 1 -BackoffFactor 0 -PassThru
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects -Connection $dead } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ConnectionFailed,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.StatusCode | Should -BeNullOrEmpty
        $err.Exception.Attempts | Should -Be 2
    }

    It 'reports a slow answer past -TimeoutSec as OperationTimeout' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1001' -Fault @(@{ kind = 'slow'; delayMs = 5000 })
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -TimeoutSec 1 -MaxRetries 0 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.Timeout,*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'reports broken JSON as InvalidData and outputs nothing' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects' -Fault @(@{ kind = 'badjson' })
        $output = $null
        $err = { $script:output = Invoke-AcrCloudRequest /api/bm-cs-projects } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidResponse,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $script:output | Should -BeNullOrEmpty
    }

    It 'can be caught with try/catch like Invoke-RestMethod' {
        $caught = try { Invoke-AcrCloudRequest /api/bm-cs-projects/999999; 'not caught' } catch { $_.Exception.StatusCode }
        $caught | Should -Be 404
    }
}

Describe 'Invoke-AcrCloudRequest beyond GET' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'follows the pagination with -All and emits every item once' {
        $streams = @(Invoke-AcrCloudRequest /api/bm-cs-projects/1001/streams -All)
        $streams.Count | Should -Be 27
        ($streams.stream_id | Sort-Object -Unique).Count | Should -Be 27
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 3
    }

    It 'keeps the query on every page with -All' {
        $streams = @(Invoke-AcrCloudRequest /api/bm-cs-projects/1001/streams -Query @{ per_page = 5; search_value = 'g' } -All)
        $streams.Count | Should -BeGreaterThan 5
        (Get-Requests $standIn).Params | ForEach-Object { $_.per_page | Should -Be '5'; $_.search_value | Should -Be 'g' }
    }

    It 'sends -Body as JSON with -Method Post and returns the answer' {
        $created = Invoke-AcrCloudRequest /api/bm-cs-projects -Method Post -Body @{ name = 'Radio Zürich'; region = 'eu-west-1'; buckets = @(1, 2) } -Confirm:$false
        $created.data.name | Should -BeExactly 'Radio Zürich'
        $request = Get-StandInRequest -StandIn $standIn
        $request.method | Should -Be 'POST'
        $request.contentType | Should -Match 'application/json'
        ($request.body | ConvertFrom-Json).buckets | Should -Be @(1, 2)
    }

    It 'sends a PSCustomObject body as JSON and a string body as it is' {
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -Method Put -Body ([pscustomobject]@{ name = 'A'; type = 'BM-ACRC' }) -Confirm:$false
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -Method Patch -Body '{"name":"B"}' -Confirm:$false
        $requests = @(Get-StandInRequest -StandIn $standIn)
        ($requests[0].body | ConvertFrom-Json).name | Should -Be 'A'
        $requests[1].body | Should -BeExactly '{"name":"B"}'
    }

    It 'sends nothing with -WhatIf' {
        Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -Method Delete -WhatIf
        Invoke-AcrCloudRequest /api/bm-cs-projects -Method Post -Body @{ name = 'x' } -WhatIf
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'deletes with -Confirm:$false and reports the status and headers' {
        Invoke-AcrCloudRequest /api/bm-cs-projects/1001 -Method Delete -Confirm:$false -StatusCodeVariable status -ResponseHeadersVariable headers | Should -BeNullOrEmpty
        $status | Should -Be 204
        $headers['X-Request-Id'] | Should -Not -BeNullOrEmpty
        (Get-StandInRequest -StandIn $standIn).method | Should -Be 'DELETE'
    }

    It 'sets -StatusCodeVariable also when the request fails' {
        $caught = try { Invoke-AcrCloudRequest /api/bm-cs-projects/999999 -StatusCodeVariable failedStatus } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        $failedStatus | Should -Be 404
    }

    It 'refuses a -Body with GET before sending anything' {
        { Invoke-AcrCloudRequest /api/bm-cs-projects -Body @{ a = 1 } } | Should -Throw -ErrorId 'AcrCloud.BodyNeedsMethod,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'refuses -All with another method' {
        { Invoke-AcrCloudRequest /api/bm-cs-projects -Method Post -All -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.AllNeedsGet,*'
    }
}
