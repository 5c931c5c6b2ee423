BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Suspend-AcrBmCsStream' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'pauses every stream in state Timeout of a project in one request' {
        $timeout = @(Get-AcrBmCsStream 1001 -State Timeout)
        $timeout.Count | Should -BeGreaterThan 1
        Get-AcrBmCsStream 1001 -State Timeout | Suspend-AcrBmCsStream -Confirm:$false | Should -BeNullOrEmpty
        $sent = Get-Writes
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'PUT'
        $sent[0].path | Should -Be ('/api/bm-cs-projects/1001/streams/' + ($timeout.stream_id -join ',') + '/pause')
        (Get-AcrBmCsStream 1001 -State Timeout) | Should -BeNullOrEmpty
        foreach ($id in $timeout.stream_id) { (Get-AcrBmCsStream 1001 $id).state | Should -Be 'Paused' }
    }

    It 'sends one request per project, and ids once each' {
        Suspend-AcrBmCsStream 1002 s-onda-1, s-onda-1, s-onda-2 -Confirm:$false
        Suspend-AcrBmCsStream 1003 s-pacific-1 -Confirm:$false
        (Get-Writes).path | Should -Be @('/api/bm-cs-projects/1002/streams/s-onda-1,s-onda-2/pause', '/api/bm-cs-projects/1003/streams/s-pacific-1/pause')
        $mixed = @([pscustomobject]@{ mcp_id = 1002; stream_id = 's-onda-1' }, [pscustomobject]@{ mcp_id = 1003; stream_id = 's-pacific-1' }, [pscustomobject]@{ mcp_id = 1002; stream_id = 's-onda-2' })
        Reset-StandIn -StandIn $standIn
        $mixed | Suspend-AcrBmCsStream -Confirm:$false
        (Get-Writes).path | Should -Be @('/api/bm-cs-projects/1002/streams/s-onda-1,s-onda-2/pause', '/api/bm-cs-projects/1003/streams/s-pacific-1/pause')
    }

    It 'splits 250 ids into batches of 100, asks once per batch, and names the ids of a batch that fails' {
        $ids = 1..250 | ForEach-Object { 's-gone{0:000}' -f $_ }
        $asked = $ids | ForEach-Object { [pscustomobject]@{ ProjectId = 1001; StreamId = $_ } } |
            Suspend-AcrBmCsStream -Confirm:$false -Verbose -ErrorVariable failed -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -like 'Performing the operation*' }
        $sent = Get-Writes
        $sent.Count | Should -Be 3
        ($sent.path | ForEach-Object { ($_ -replace '^.*/streams/|/pause$', '' -split ',').Count }) | Should -Be @(100, 100, 50)
        @($asked).Count | Should -Be 3
        "$($asked[2])" | Should -Match 's-gone201, .*s-gone250'
        $failed.Count | Should -Be 3
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        $failed[0].TargetObject | Should -Be $ids[0..99]
        $failed[2].ToString() | Should -Match 'held 50 stream\(s\) of project 1001: s-gone201, .* s-gone250'
    }

    It 'goes on with the other batches after a failed one' {
        Suspend-AcrBmCsStream 999999 s-x -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        [pscustomobject]@{ ProjectId = 999999; StreamId = 's-x' }, [pscustomobject]@{ ProjectId = 1002; StreamId = 's-onda-1' } |
            Suspend-AcrBmCsStream -Confirm:$false -ErrorAction SilentlyContinue
        (Get-AcrBmCsStream 1002 s-onda-1).state | Should -Be 'Paused'
    }

    It 'refuses an id with a comma before sending anything' {
        { Suspend-AcrBmCsStream 1002 's-a,s-b' -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.InvalidStreamId,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        Suspend-AcrBmCsStream 1002 s-onda-1 -WhatIf
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }
}
