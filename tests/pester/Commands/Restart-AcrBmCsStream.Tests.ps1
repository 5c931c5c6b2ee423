BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Restart-AcrBmCsStream' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'restarts, which resumes paused streams' {
        Get-AcrBmCsStream 1002 -State Paused | Restart-AcrBmCsStream -Confirm:$false | Should -BeNullOrEmpty
        (Get-Writes).path | Should -Be @('/api/bm-cs-projects/1002/streams/s-onda-3/restart')
        (Get-Writes)[0].method | Should -Be 'PUT'
        (Get-AcrBmCsStream 1002 s-onda-3).state | Should -Be 'Running'
    }

    It 'restarts what Suspend-AcrBmCsStream paused' {
        Suspend-AcrBmCsStream 1002 s-onda-1, s-onda-2 -Confirm:$false
        @(Get-AcrBmCsStream 1002 -State Paused).Count | Should -Be 3
        Get-AcrBmCsStream 1002 -State Paused | Restart-AcrBmCsStream -Confirm:$false
        Get-AcrBmCsStream 1002 -State Paused | Should -BeNullOrEmpty
        @((Get-Writes) | Where-Object path -like '*/restart').Count | Should -Be 1
    }

    It 'retries after a transient failure, as a PUT' {
        Add-StandInFault -StandIn $standIn -Match '/restart' -Fault @(@{ kind = 'status'; status = 503 })
        Restart-AcrBmCsStream 1002 s-onda-3 -Confirm:$false
        (Get-Writes).status | Should -Be @(503, 204)
    }

    It 'names the streams of a failed batch' {
        Restart-AcrBmCsStream 1002 s-onda-1, s-missing -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].TargetObject | Should -Be @('s-onda-1', 's-missing')
        $failed[0].ToString() | Should -Match 's-onda-1, s-missing'
    }

    It 'sends nothing with -WhatIf' {
        Restart-AcrBmCsStream 1002 s-onda-3 -WhatIf
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }
}
