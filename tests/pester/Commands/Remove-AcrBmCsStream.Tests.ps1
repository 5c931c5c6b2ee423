BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Remove-AcrBmCsStream' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'deletes streams in one request, and they vanish from the list' {
        Get-AcrBmCsStream 1002 | Where-Object name -like '*Uno' | Remove-AcrBmCsStream -Confirm:$false | Should -BeNullOrEmpty
        Remove-AcrBmCsStream 1001 s-aare-g01, s-aare-g02 -Confirm:$false
        (Get-Writes).method | Should -Be @('DELETE', 'DELETE')
        (Get-Writes).path | Should -Be @('/api/bm-cs-projects/1002/streams/s-onda-1', '/api/bm-cs-projects/1001/streams/s-aare-g01,s-aare-g02')
        (Get-AcrBmCsStream 1002).stream_id | Should -Be @('s-onda-3', 's-onda-2')
        @(Get-AcrBmCsStream 1001).Count | Should -Be 25
    }

    It 'asks first: its ConfirmImpact is High' {
        $attribute = (Get-Command Remove-AcrBmCsStream).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'sends nothing with -WhatIf' {
        Get-AcrBmCsStream 1002 | Remove-AcrBmCsStream -WhatIf
        Get-Writes | Should -BeNullOrEmpty
        @(Get-AcrBmCsStream 1002).Count | Should -Be 3
    }

    It 'keeps the streams of a failed batch and says which ids it held' {
        Remove-AcrBmCsStream 1002 s-onda-1, s-nope -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        $failed[0].ToString() | Should -Match 'Stream not found.*s-onda-1, s-nope'
        @(Get-AcrBmCsStream 1002).Count | Should -Be 3
    }
}
