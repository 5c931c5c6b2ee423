BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Remove-AcrBmCsProject' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'deletes a created project, which then vanishes from the list' {
        $project = New-AcrBmCsProject 'Short-lived' eu-west-1 -Confirm:$false
        $project | Remove-AcrBmCsProject -Confirm:$false | Should -BeNullOrEmpty
        (Get-Writes)[-1].method | Should -Be 'DELETE'
        (Get-Writes)[-1].path | Should -Be "/api/bm-cs-projects/$($project.id)"
        (Get-AcrBmCsProject).id | Should -Not -Contain $project.id
    }

    It 'asks first: its ConfirmImpact is High' {
        $attribute = (Get-Command Remove-AcrBmCsProject).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'sends nothing with -WhatIf' {
        Remove-AcrBmCsProject 1001 -WhatIf
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
        (Get-AcrBmCsProject 1001).id | Should -Be 1001
    }

    It 'gives each unknown project its own error and removes the others' {
        1002, 999999, 1003 | ForEach-Object { [pscustomobject]@{ id = $_ } } | Remove-AcrBmCsProject -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].TargetObject | Should -Be 999999
        (Get-AcrBmCsProject).id | Should -Not -Contain 1002
        (Get-AcrBmCsProject).id | Should -Not -Contain 1003
    }

    It 'retries a DELETE after a transient failure' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1002' -Fault @(@{ kind = 'status'; status = 503 })
        Remove-AcrBmCsProject 1002 -Confirm:$false
        (Get-Writes).status | Should -Be @(503, 204)
    }
}
