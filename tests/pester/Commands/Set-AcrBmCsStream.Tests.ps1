BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Set-AcrBmCsStream' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 're-points a stream, sending only the new URL, and -PassThru returns it' {
        $stream = Set-AcrBmCsStream -ProjectId 1002 -StreamId s-onda-1 -StreamUrl 'https://new.example/uno.aac' -PassThru -Confirm:$false
        $stream.stream_urls | Should -Be @('https://new.example/uno.aac')
        $stream.name | Should -BeExactly 'Onda Sud Uno'
        $stream.PSObject.TypeNames | Should -Contain 'AcrCloud.BmCsStream'
        $sent = Get-Writes
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'PUT'
        $sent[0].path | Should -Be '/api/bm-cs-projects/1002/streams/s-onda-1'
        $sent[0].body | Should -BeExactly '{"stream_urls":["https://new.example/uno.aac"]}'
    }

    It 'renames streams from CSV rows' {
        $csv = Join-Path $TestDrive 'rename.csv'
        @([pscustomobject]@{ ProjectId = 1002; StreamId = 's-onda-1'; Name = 'Uno' }, [pscustomobject]@{ ProjectId = 1002; StreamId = 's-onda-2'; Name = 'Due' }) | Export-Csv $csv
        Import-Csv $csv | Set-AcrBmCsStream -Confirm:$false
        (Get-Writes).body | Should -Be @('{"name":"Uno"}', '{"name":"Due"}')
        (Get-AcrBmCsStream 1002 s-onda-2).name | Should -Be 'Due'
    }

    It 'binds stream objects and sets the config and user_defined' {
        Get-AcrBmCsStream 1003 | Set-AcrBmCsStream -ConfigId 7003 -UserDefined @{ region = 'west' } -Confirm:$false
        $body = (Get-Writes)[0].body | ConvertFrom-Json -AsHashtable
        $body.config_id | Should -Be 7003
        $body.user_defined.region | Should -Be 'west'
        (Get-AcrBmCsStream 1003 s-pacific-1).user_defined.region | Should -Be 'west'
    }

    It 'refuses a bad URL, an empty name and nothing to change before sending' {
        { Set-AcrBmCsStream 1002 s-onda-1 -StreamUrl 'mailto:x@example.net' -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.InvalidStreamUrl,*'
        { Set-AcrBmCsStream 1002 s-onda-1 -Name '' -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.EmptyName,*'
        { Set-AcrBmCsStream 1002 s-onda-1 -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.NothingToChange,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'gives an unknown stream a non-terminating error naming it' {
        Set-AcrBmCsStream 1002 s-nope -Name 'x' -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        $failed[0].TargetObject | Should -Be 's-nope'
        $failed[0].ToString() | Should -Match 'Stream not found'
    }

    It 'retries a PUT after a transient failure' {
        Add-StandInFault -StandIn $standIn -Match '/streams/s-onda-1' -Fault @(@{ kind = 'status'; status = 503 })
        Set-AcrBmCsStream 1002 s-onda-1 -Name 'Again' -Confirm:$false
        (Get-Writes).status | Should -Be @(503, 200)
    }

    It 'sends nothing with -WhatIf' {
        Set-AcrBmCsStream 1002 s-onda-1 -Name 'x' -WhatIf
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }
}
