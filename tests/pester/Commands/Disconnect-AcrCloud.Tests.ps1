BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Disconnect-AcrCloud' {
    It 'forgets the session''s connection so every cmdlet asks for Connect-AcrCloud' {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        Disconnect-AcrCloud
        { Get-AcrCloudContext -ErrorAction Stop } | Should -Throw -ErrorId 'AcrCloud.NotConnected,*'
        $err = { Invoke-AcrCloudRequest /api/bm-cs-projects } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotConnected,*'
        $err.Exception.Message | Should -Match 'Connect-AcrCloud'
        { Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop } | Should -Throw -ErrorId 'AcrCloud.NotConnected,*'
    }

    It 'closes a connection object so it can no longer be used' {
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        Disconnect-AcrCloud
        $connection.IsOpen | Should -BeFalse
        { Invoke-AcrCloudRequest /api/bm-cs-projects -Connection $connection } | Should -Throw -ErrorId 'AcrCloud.ConnectionClosed,*'
    }

    It 'reports a non-terminating error when there is nothing to disconnect' {
        Disconnect-AcrCloud -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotConnected,*'
    }

    It 'closes only the connection given with -Connection and keeps the session''s default' {
        $other = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        $default = Get-AcrCloudContext
        $other | Disconnect-AcrCloud
        $other.IsOpen | Should -BeFalse
        [object]::ReferenceEquals((Get-AcrCloudContext), $default) | Should -BeTrue
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.id | Should -Be 1001
    }

    It 'supports -WhatIf and then leaves the connection open and current' {
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        Disconnect-AcrCloud -WhatIf
        $connection.IsOpen | Should -BeTrue
        [object]::ReferenceEquals((Get-AcrCloudContext), $connection) | Should -BeTrue
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.id | Should -Be 1001
    }
}
