BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmBdProject' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'lists every broadcast-database project as the API sent it' {
        $projects = @(Get-AcrBmBdProject)
        $projects.id | Should -Be @(5001, 5002)
        $projects[0].name | Should -Be 'Swiss Radio Monitor'
        $projects[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmBdProject'
        (Get-Requests $standIn)[0].path | Should -Be '/api/bm-bd-projects'
    }

    It 'gets one project by id, also from the pipeline' {
        (Get-AcrBmBdProject -ProjectId 5002).name | Should -Be 'Border Stations'
        ([pscustomobject]@{ id = 5001 } | Get-AcrBmBdProject).channel_count | Should -Be 25
    }

    It 'reports an unknown project as a non-terminating error' {
        $found = @(Get-AcrBmBdProject -ProjectId 4999 -ErrorVariable problems -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 0
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound*'
    }

    It 'shows a table by the property names' {
        $text = Get-AcrBmBdProject | Format-Table | Out-String -Width 200
        $text | Should -Match 'id\s+name\s+region\s+channel_count'
        $text | Should -Match '5001\s+Swiss Radio Monitor\s+eu-west-1\s+25'
    }
}
