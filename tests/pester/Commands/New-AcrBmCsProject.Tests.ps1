BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'New-AcrBmCsProject' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    }

    It 'creates a project, sends only what is given, and returns it as Get-AcrBmCsProject would' {
        $project = New-AcrBmCsProject -Name 'Radio Zürich' -Region eu-west-1 -BucketId 11, 12 -ExternalId isrc, spotify -MetadataTemplate 'station_code,city' -Confirm:$false
        $project.id | Should -Be 9001
        $project.name | Should -BeExactly 'Radio Zürich'
        $project.PSObject.TypeNames | Should -Contain 'AcrCloud.BmCsProject'
        # The project's own table view applies, as to Get-AcrBmCsProject's output.
        $table = $project | Out-String -Width 200
        $table | Should -Match 'id\s+name\s+region\s+type\s+monitor_count'
        $table | Should -Match '9001\s+Radio Zürich\s+eu-west-1\s+BM-ACRC\s+0'
        $sent = Get-Writes
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'POST'
        $sent[0].path | Should -Be '/api/bm-cs-projects'
        $body = $sent[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be @('buckets', 'external_ids', 'metadata_template', 'name', 'region')
        $body.buckets | Should -Be @(11, 12)
        (Get-AcrBmCsProject | Where-Object id -eq 9001).name | Should -BeExactly 'Radio Zürich'
    }

    It 'sends nothing else than name and region when nothing else is given' {
        $null = New-AcrBmCsProject 'Minimal' us-west-2 -Confirm:$false
        ((Get-Writes)[0].body | ConvertFrom-Json -AsHashtable).Keys | Sort-Object | Should -Be @('name', 'region')
    }

    It 'takes projects from CSV rows' {
        $csv = Join-Path $TestDrive 'projects.csv'
        @([pscustomobject]@{ Name = 'One'; Region = 'eu-west-1' }, [pscustomobject]@{ Name = 'Two'; Region = 'ap-southeast-1' }) | Export-Csv $csv
        $made = Import-Csv $csv | New-AcrBmCsProject -Confirm:$false
        $made.name | Should -Be @('One', 'Two')
        $made.region | Should -Be @('eu-west-1', 'ap-southeast-1')
    }

    It 'refuses an unknown region and an empty name before sending anything' {
        { New-AcrBmCsProject -Name 'x' -Region mars-1 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { New-AcrBmCsProject -Name '  ' -Region eu-west-1 -Confirm:$false } | Should -Throw -ErrorId 'AcrCloud.EmptyName,*'
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        New-AcrBmCsProject -Name 'x' -Region eu-west-1 -WhatIf | Should -BeNullOrEmpty
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }

    It 'is never retried: a failed create is one request and a non-terminating error naming the project' {
        Add-StandInFault -StandIn $standIn -Match '/api/bm-cs-projects' -Fault @(@{ kind = 'status'; status = 503 })
        New-AcrBmCsProject -Name 'Once' -Region eu-west-1 -MaxRetries 3 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.ServerError,*'
        $failed[0].TargetObject | Should -BeExactly 'Once'
        @(Get-StandInRequest -StandIn $standIn).Count | Should -Be 1
    }
}
