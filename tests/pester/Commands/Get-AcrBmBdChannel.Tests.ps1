BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmBdChannel' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'reads every page, none twice, and tells each channel its project' {
        $channels = @(Get-AcrBmBdChannel -ProjectId 5001)
        $channels.Count | Should -Be 25
        ($channels.id | Sort-Object -Unique).Count | Should -Be 25
        @(Get-Requests $standIn).Count | Should -Be 3
        $channels[0].PSObject.Properties.Name[-1] | Should -Be 'ProjectId'
        $channels.ProjectId | Select-Object -Unique | Should -Be 5001
        $channels[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmBdChannel'
    }

    It 'lists the channels of every project piped in' {
        $channels = @(Get-AcrBmBdProject | Get-AcrBmBdChannel)
        $channels.Count | Should -Be 27
        ($channels | Where-Object ProjectId -eq 5002).name | Should -Be @('Radio Grenzland', 'Radio Lac')
    }

    It 'finds one channel by id through the API''s channel_id search' {
        $channel = @(Get-AcrBmBdChannel -ProjectId 5001 -ChannelId 201003)
        $channel.id | Should -Be 201003
        $request = (Get-Requests $standIn)[0]
        $request.Params.search_type | Should -Be 'channel_id'
        $request.Params.search_value | Should -Be '201003'
    }

    It 'sends -State and -SearchType/-SearchValue as the API names them' {
        $timeouts = @(Get-AcrBmBdChannel -ProjectId 5001 -State Timeout)
        $timeouts.id | Should -Be @(201009, 201018)
        (Get-Requests $standIn)[0].Params.state | Should -Be 'Timeout'
        Reset-StandIn -StandIn $standIn
        $bern = @(Get-AcrBmBdChannel -ProjectId 5001 -SearchType city -SearchValue Bern)
        $bern.city | Select-Object -Unique | Should -Be 'Bern'
        (Get-Requests $standIn)[0].Params.search_type | Should -Be 'city'
        { Get-AcrBmBdChannel -ProjectId 5001 -SearchType planet -SearchValue x } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'reports an unknown project as a non-terminating error' {
        $null = Get-AcrBmBdChannel -ProjectId 4999 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows a table by the property names' {
        $text = Get-AcrBmBdChannel -ProjectId 5002 | Format-Table | Out-String -Width 200
        $text | Should -Match 'ProjectId\s+id\s+name\s+city\s+country\s+state'
        $text | Should -Match '5002\s+301001\s+Radio Grenzland\s+Konstanz\s+DE\s+Running'
    }
}
