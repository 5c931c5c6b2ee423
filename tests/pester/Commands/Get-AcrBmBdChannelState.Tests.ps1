BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmBdChannelState' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'reads the state of channels piped from Get-AcrBmBdChannel, in local time' {
        $states = @(Get-AcrBmBdChannel -ProjectId 5001 -ChannelId 201003 | Get-AcrBmBdChannelState -From 2026-10-25 -TimeZone Europe/Zurich)
        $states[0].ChannelId | Should -Be 201003
        $states[0].ProjectId | Should -Be 5001
        $states[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.PowerShell.AcrBmBdChannelState'
        ($states | Measure-Object DurationSec -Sum).Sum | Should -Be 90000
        $paths = @(Get-Requests $standIn | Where-Object path -like '*/state').path | Select-Object -Unique
        $paths | Should -Be '/api/bm-bd-projects/5001/channels/201003/state'
    }

    It 'sums up each day with -Summary' {
        $days = @(Get-AcrBmBdChannelState -ProjectId 5001 -ChannelId 201001, 201002 -From 2026-11-01 -To 2026-11-02 -Summary)
        $days.Count | Should -Be 4
        $days.ChannelId | Should -Be @(201001, 201001, 201002, 201002)
        $days | ForEach-Object { $_.TotalSec | Should -Be 86400 }
        $days[0].Outages | Should -Be 3
    }

    It 'reports an unknown channel as a non-terminating error' {
        $null = Get-AcrBmBdChannelState -ProjectId 5001 -ChannelId 999 -From 2026-11-01 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($problems[0].TargetObject)" | Should -Match '999'
    }
}
