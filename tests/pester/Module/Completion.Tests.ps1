BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
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
        $matches1 = Get-Completion 'Get-AcrBmCsResult -ProjectId 100'
        $matches1.CompletionText | Should -Be @('1001', '1002', '1003')
        $matches1[0].ToolTip | Should -Match 'Radio Aare'
        $before = @(Get-StandInRequest -StandIn $standIn).Count
        $before | Should -BeGreaterThan 0
        $null = Get-Completion 'Get-AcrBmCsStream -ProjectId 10'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be $before
    }

    It 'completes -StreamId with the streams of the -ProjectId on the line' {
        (Get-Completion 'Get-AcrBmCsResult -ProjectId 1002 -StreamId s-').CompletionText | Should -Be @('s-onda-3', 's-onda-2', 's-onda-1')
        (Get-Completion 'Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-k').CompletionText | Should -Be @('s-aare-klassik')
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
