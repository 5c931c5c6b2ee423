BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Set-AcrBmCsProject' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'sends the plain fields in one PUT and nothing else' {
        Set-AcrBmCsProject -ProjectId 1002 -Name 'Onda Nord' -ExternalId isrc -Confirm:$false | Should -BeNullOrEmpty
        $sent = Get-Writes
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'PUT'
        $sent[0].path | Should -Be '/api/bm-cs-projects/1002'
        ($sent[0].body | ConvertFrom-Json -AsHashtable).Keys | Sort-Object | Should -Be @('external_ids', 'name')
        (Get-AcrBmCsProject 1002).name | Should -BeExactly 'Onda Nord'
    }

    It 'sends the callback and the notification settings to their own endpoints, and -PassThru returns the project' {
        $project = Set-AcrBmCsProject 1002 -ResultCallbackUrl 'https://hooks.example/acr' -StateNotificationEmail 'ops@example.net' -StateNotificationFrequency Low -PassThru -Confirm:$false
        $sent = Get-Writes
        $sent.path | Should -Be @('/api/bm-cs-projects/1002/result-callback', '/api/bm-cs-projects/1002/state-notification')
        $sent.method | Should -Be @('POST', 'POST')
        ($sent[0].body | ConvertFrom-Json).result_callback_url | Should -Be 'https://hooks.example/acr'
        $notification = $sent[1].body | ConvertFrom-Json -AsHashtable
        $notification.Keys | Sort-Object | Should -Be @('state_notification_email', 'state_notification_email_frequency')
        $notification.state_notification_email_frequency | Should -Be 1
        $project.result_callback_url | Should -Be 'https://hooks.example/acr'
        $project.state_notification_email_frequency | Should -Be 1
        $project.PSObject.TypeNames | Should -Contain 'AcrCloud.BmCsProject'
    }

    It 'binds project objects and maps the frequencies High and None' {
        Get-AcrBmCsProject 1001 | Set-AcrBmCsProject -StateNotificationFrequency None -Confirm:$false
        Set-AcrBmCsProject 1003 -StateNotificationFrequency High -Confirm:$false
        (Get-Writes | ForEach-Object { ($_.body | ConvertFrom-Json).state_notification_email_frequency }) | Should -Be @(2, 0)
        (Get-Writes).path | Should -Be @('/api/bm-cs-projects/1001/state-notification', '/api/bm-cs-projects/1003/state-notification')
    }

    It 'refuses to send nothing, or an empty name' {
        { Set-AcrBmCsProject 1001 -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.NothingToChange,*'
        { Set-AcrBmCsProject 1001 -Name '' -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.EmptyName,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'reports the API''s field errors and stops that project after a failed part' {
        Set-AcrBmCsProject 1001 -ResultCallbackUrl 'not a url' -StateNotificationFrequency Low -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ValidationFailed,*'
        $failed[0].TargetObject | Should -Be 1001
        $failed[0].Exception.FieldErrors['result_callback_url'] | Should -Not -BeNullOrEmpty
        (Get-Writes).path | Should -Be @('/api/bm-cs-projects/1001/result-callback')
    }

    It 'gives an unknown project a non-terminating not-found error and goes on' {
        $result = 999999, 1002 | ForEach-Object { [pscustomobject]@{ id = $_ } } | Set-AcrBmCsProject -Name 'Renamed' -Confirm:$false -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        $failed[0].TargetObject | Should -Be 999999
        $result.id | Should -Be 1002
    }

    It 'sends nothing with -WhatIf' {
        Set-AcrBmCsProject 1001 -Name 'x' -ResultCallbackUrl 'https://a.example' -WhatIf
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }
}
