BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'New-AcrBmCsStream' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'adds a stream and returns it as Get-AcrBmCsStream would' {
        $stream = New-AcrBmCsStream -ProjectId 1002 -Name 'Onda Quattro' -StreamUrl 'https://radio.example/4.mp3', 'rtmp://radio.example/4' -ConfigId 7002 -Confirm:$false
        $stream.stream_id | Should -Match '^s-[a-z]+$'
        $stream.PSObject.TypeNames | Should -Contain 'AcrCloud.BmCsStream'
        # The stream's own table view applies, as to Get-AcrBmCsStream's output.
        $table = $stream | Out-String -Width 200
        $table | Should -Match 'stream_id\s+name\s+state\s+mcp_id'
        $table | Should -Match ([regex]::Escape($stream.stream_id) + '\s+Onda Quattro\s+Running\s+1002')
        $sent = Get-Writes
        $sent.Count | Should -Be 1
        $sent[0].path | Should -Be '/api/bm-cs-projects/1002/streams'
        $body = $sent[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be @('config_id', 'name', 'stream_urls')
        $body.stream_urls | Should -Be @('https://radio.example/4.mp3', 'rtmp://radio.example/4')
        (Get-AcrBmCsStream 1002).stream_id | Should -Contain $stream.stream_id
    }

    It 'round-trips in bulk: 50 streams from a CSV, 10 paused, 5 removed' {
        $project = New-AcrBmCsProject 'Bulk' eu-west-1 -Confirm:$false
        $config = 7000 + $project.id % 1000
        $csv = Join-Path $TestDrive 'streams.csv'
        1..50 | ForEach-Object { [pscustomobject]@{ Name = 'Bulk {0:00}' -f $_; StreamUrl = "https://streams.example/bulk$_.mp3"; ConfigId = $config } } | Export-Csv $csv
        $made = @(Import-Csv $csv | New-AcrBmCsStream -ProjectId $project.id -Confirm:$false)
        $made.Count | Should -Be 50
        $made | Select-Object -First 10 | Suspend-AcrBmCsStream -Confirm:$false
        $made | Select-Object -Skip 10 -First 5 | Remove-AcrBmCsStream -Confirm:$false

        $list = @(Get-AcrBmCsStream $project.id)
        $list.Count | Should -Be 45
        ($list | Where-Object state -eq 'Paused').stream_id | Sort-Object | Should -Be ($made[0..9].stream_id | Sort-Object)
        @($list | Where-Object state -eq 'Running').Count | Should -Be 35
        $list.stream_id | Should -Not -Contain $made[10].stream_id
        ($list.name | Sort-Object) | Should -Be (1..50 | Where-Object { $_ -le 10 -or $_ -gt 15 } | ForEach-Object { 'Bulk {0:00}' -f $_ })
        # One POST per stream, then one pause and one delete for the whole pipeline.
        $writes = Get-Writes
        @($writes | Where-Object method -eq POST).Count | Should -Be 51
        @($writes | Where-Object path -like '*/pause').Count | Should -Be 1
        @($writes | Where-Object method -eq DELETE).Count | Should -Be 1
    }

    It 'copies streams from another project, user_defined and config object included' {
        $target = New-AcrBmCsProject 'Copy' eu-west-1 -MetadataTemplate 'station_code' -Confirm:$false
        $source = [pscustomobject]@{ name = 'Copied'; stream_urls = @('https://a.example/x'); config = [pscustomobject]@{ id = 7000 + $target.id % 1000 }; user_defined = [pscustomobject]@{ station_code = 'ZH1' }; mcp_id = 1001 }
        $copy = $source | New-AcrBmCsStream -ProjectId $target.id -Confirm:$false
        $copy.user_defined.station_code | Should -Be 'ZH1'
        (Get-Writes)[-1].path | Should -Be "/api/bm-cs-projects/$($target.id)/streams"
    }

    It 'refuses bad input before anything is sent, and names every bad row' {
        $rows = @(
            [pscustomobject]@{ Name = 'Good'; StreamUrl = 'https://ok.example/a'; ConfigId = 7002 }
            [pscustomobject]@{ Name = ' '; StreamUrl = 'https://ok.example/b'; ConfigId = 7002 }
            [pscustomobject]@{ Name = 'Ftp'; StreamUrl = 'ftp://bad.example/c'; ConfigId = 7002 }
            [pscustomobject]@{ Name = 'Relative'; StreamUrl = 'radio/live.mp3'; ConfigId = 7002 }
        )
        $caught = try { $rows | New-AcrBmCsStream -ProjectId 1002 -Confirm:$false -ErrorVariable bad -ErrorAction Continue 2>$null } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidInput,*'
        $bad.FullyQualifiedErrorId | Select-Object -First 3 | Should -Be @('AcrCloud.EmptyName,AcrCloud.PowerShell.Commands.NewAcrBmCsStreamCommand', 'AcrCloud.InvalidStreamUrl,AcrCloud.PowerShell.Commands.NewAcrBmCsStreamCommand', 'AcrCloud.InvalidStreamUrl,AcrCloud.PowerShell.Commands.NewAcrBmCsStreamCommand')
        ($bad | Select-Object -First 3).TargetObject | Should -Be @(' ', 'Ftp', 'Relative')
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'refuses -UserDefined keys that the project''s metadata_template does not name' {
        $project = New-AcrBmCsProject 'Templated' eu-west-1 -MetadataTemplate 'station_code,city' -Confirm:$false
        { New-AcrBmCsStream $project.id 'S' 'https://a.example/x' (7000 + $project.id % 1000) -UserDefined @{ station_code = 'A'; colour = 'red' } -Confirm:$false } |
            Should -Throw -ExpectedMessage "*'colour'*station_code, city*"
        @(Get-Writes | Where-Object path -like '*/streams').Count | Should -Be 0
        $ok = New-AcrBmCsStream $project.id 'S' 'https://a.example/x' (7000 + $project.id % 1000) -UserDefined @{ city = 'Bern' } -Confirm:$false
        $ok.user_defined.city | Should -Be 'Bern'
    }

    It 'reports the API''s 422 per stream, naming the field, and goes on with the others' {
        $long = 'https://radio.example/' + ('x' * 300)
        $rows = @(
            [pscustomobject]@{ Name = 'Too long'; StreamUrl = $long; ConfigId = 7002 }
            [pscustomobject]@{ Name = 'Wrong config'; StreamUrl = 'https://ok.example/a'; ConfigId = 7999 }
            [pscustomobject]@{ Name = 'Fine'; StreamUrl = 'https://ok.example/b'; ConfigId = 7002 }
        )
        $made = $rows | New-AcrBmCsStream -ProjectId 1002 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $made.name | Should -Be 'Fine'
        $failed.Count | Should -Be 2
        $failed.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'AcrCloud.ValidationFailed,*' }
        $failed.TargetObject | Should -Be @('Too long', 'Wrong config')
        $failed[0].Exception.FieldErrors.Keys | Should -Be 'stream_urls.0'
        $failed[0].ToString() | Should -Match 'stream_urls\.0'
        $failed[1].Exception.FieldErrors.Keys | Should -Be 'config_id'
    }

    It 'never retries a POST' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects/1002/streams' -Fault @(@{ kind = 'status'; status = 502 })
        New-AcrBmCsStream 1002 'Once' 'https://a.example/x' 7002 -MaxRetries 5 -Confirm:$false -ErrorAction SilentlyContinue
        @(Get-Writes).Count | Should -Be 1
        (Get-AcrBmCsStream 1002).name | Should -Not -Contain 'Once'
    }

    It 'sends nothing with -WhatIf, and says exactly what it would send' {
        $script = @"
Import-Module '$ModulePath'
Connect-AcrCloud -BearerToken '$($standIn.Token)' -BaseUrl '$($standIn.Url)'
New-AcrBmCsStream 1002 'Onda Cinque' 'https://radio.example/5.mp3' 7002 -UserDefined @{ k = 'v' } -WhatIf
Set-AcrBmCsStream 1002 s-onda-1 -StreamUrl 'https://radio.example/new.mp3' -WhatIf
Suspend-AcrBmCsStream 1002 s-onda-1, s-onda-2 -WhatIf
Remove-AcrBmCsStream 1002 s-onda-3 -WhatIf
"@
        $output = (Invoke-FreshPwsh $script) -join "`n"
        $output | Should -Match ([regex]::Escape('POST /api/bm-cs-projects/1002/streams {"name":"Onda Cinque","stream_urls":["https://radio.example/5.mp3"],"config_id":7002,"user_defined":{"k":"v"}}'))
        $output | Should -Match ([regex]::Escape('PUT /api/bm-cs-projects/1002/streams/s-onda-1 {"stream_urls":["https://radio.example/new.mp3"]}'))
        $output | Should -Match ([regex]::Escape('PUT /api/bm-cs-projects/1002/streams/s-onda-1,s-onda-2/pause'))
        $output | Should -Match 'pause 2 stream\(s\) of project 1002: s-onda-1, s-onda-2'
        $output | Should -Match ([regex]::Escape('DELETE /api/bm-cs-projects/1002/streams/s-onda-3'))
        $output | Should -Not -Match ([regex]::Escape($standIn.Token))
        Get-Writes | Should -BeNullOrEmpty
    }
}
