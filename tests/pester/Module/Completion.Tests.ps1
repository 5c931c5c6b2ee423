BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }

    function Get-FilledCompletion([string] $Line) {
        # Tab waits well under a second; on a loaded machine the first answer may come later, for the next Tab.
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        do { $found = @(Get-Completion $Line) } until ($found.Count -gt 0 -or [DateTime]::UtcNow -gt $deadline)
        $found
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Tab completion' {
    BeforeEach {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        Reset-StandIn -StandIn $standIn
    }

    It 'completes -ProjectId from the API, and uses its cache the second time' {
        $matches1 = Get-FilledCompletion 'Get-AcrBmCsResult -ProjectId 100'
        $matches1.CompletionText | Should -Be @('1001', '1002', '1003')
        $matches1[0].ToolTip | Should -Match 'Radio Aare'
        $before = @(Get-StandInRequest -StandIn $standIn).Count
        $before | Should -BeGreaterThan 0
        $null = Get-Completion 'Get-AcrBmCsStream -ProjectId 10'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be $before
    }

    It 'completes -StreamId with the streams of the -ProjectId on the line' {
        # In id order, although the API lists streams newest first.
        (Get-FilledCompletion 'Get-AcrBmCsResult -ProjectId 1002 -StreamId s-').CompletionText | Should -Be @('s-onda-1', 's-onda-2', 's-onda-3')
        (Get-FilledCompletion 'Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-k').CompletionText | Should -Be @('s-aare-klassik')
    }

    It 'uses the -Connection on the command line' {
        Disconnect-AcrCloud
        $other = Start-AcrCloudStandIn -Token 'other-token'
        try {
            $elsewhere = Connect-AcrCloud -BearerToken $other.Token -BaseUrl $other.Url -PassThru
            Connect-AcrCloud -BearerToken 'wrong' -BaseUrl $standIn.Url
            (Get-FilledCompletion 'Get-AcrBmCsStream -Connection $elsewhere -ProjectId 1002 -StreamId s-onda-').CompletionText | Should -Be @('s-onda-1', 's-onda-2', 's-onda-3')
            @(Get-StandInRequest -StandIn $other).Count | Should -BeGreaterThan 0
            @(Get-StandInRequest -StandIn $standIn | Where-Object status -EQ 200) | Should -BeNullOrEmpty
        }
        finally {
            Disconnect-AcrCloud -Connection $elsewhere -ErrorAction SilentlyContinue
            $other | Stop-AcrCloudStandIn
        }
    }

    It 'waits well under a second for a slow server, then answers from the cache' {
        $null = Get-FilledCompletion 'Get-AcrBmCsResult -ProjectId 100'
        $slow = Start-AcrCloudStandIn -DelayMs 3000
        try {
            Connect-AcrCloud -BearerToken $slow.Token -BaseUrl $slow.Url
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $first = @(Get-Completion 'Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-')
            $clock.Stop()
            $first | Should -BeNullOrEmpty
            # 400 ms of patience plus the prompt's own work on a busy machine: far from the server's 3 s.
            $clock.Elapsed.TotalMilliseconds | Should -BeLessThan 1500
            # The fetch went on without the prompt, so a later Tab is answered at once from what it brought.
            Start-Sleep -Seconds 4
            $clock.Restart()
            (Get-Completion 'Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-').CompletionText | Should -Be @('s-onda-1', 's-onda-2', 's-onda-3')
            $clock.Elapsed.TotalMilliseconds | Should -BeLessThan 1500
        }
        finally {
            Disconnect-AcrCloud
            $slow | Stop-AcrCloudStandIn
        }
    }

    It 'completes broadcast-database project and channel ids, the channels of the -ProjectId on the line' {
        $projects = Get-FilledCompletion 'Get-AcrBmBdChannel -ProjectId 500'
        $projects.CompletionText | Should -Be @('5001', '5002')
        $projects[1].ToolTip | Should -Match 'Border Stations'
        $channels = Get-FilledCompletion 'Get-AcrBmBdResult -ProjectId 5002 -ChannelId '
        $channels.CompletionText | Should -Be @('301001', '301002')
        $channels[0].ToolTip | Should -Match 'Radio Grenzland, Konstanz'
        # 25 channels on three pages, in id order.
        (Get-FilledCompletion 'Get-AcrBmBdChannelState -ProjectId 5001 -ChannelId 2010').CompletionText | Should -Be @(201001..201025 | ForEach-Object { "$_" })
        Get-Completion 'Get-AcrBmBdResult -ChannelId 3' | Should -BeNullOrEmpty -Because 'without -ProjectId there is no list to complete from'
    }

    It 'completes -Region with the known regions, not file names' {
        (Get-Completion 'Get-AcrBmCsProject -Region ').CompletionText | Should -Be @('ap-southeast-1', 'eu-west-1', 'us-west-2')
        (Get-Completion 'Get-AcrBmCsProject -Region eu').CompletionText | Should -Be @('eu-west-1')
    }

    It 'completes -TimeZone, -Type and -Method' {
        (Get-Completion 'Get-AcrBmCsResult -ProjectId 1 -StreamId x -From 2026-11-01 -TimeZone Europe/Zu').CompletionText | Should -Contain 'Europe/Zurich'
        (Get-Completion 'ConvertTo-AcrBmCsPlay -TimeZone Europe/Zu').CompletionText | Should -Contain 'Europe/Zurich'
        (Get-Completion 'Get-AcrBmCsResult -Type L').CompletionText | Should -Be @('Last')
        (Get-Completion 'Invoke-AcrCloudRequest x -Method Pa').CompletionText | Should -Be @('Patch')
    }

    It 'stays quiet when not connected or when the API fails' {
        Disconnect-AcrCloud
        Get-Completion 'Get-AcrBmCsResult -ProjectId 9' | Should -BeNullOrEmpty
        Connect-AcrCloud -BearerToken 'wrong' -BaseUrl $standIn.Url
        { Get-Completion 'Get-AcrBmCsStream -ProjectId 3' } | Should -Not -Throw
        Get-Completion 'Get-AcrBmCsStream -ProjectId 3' | Should -BeNullOrEmpty
    }
}
