BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmCsProject' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'returns every project of every page, none twice' {
        $projects = @(Get-AcrBmCsProject)
        $total = (Invoke-AcrCloudRequest /api/bm-cs-projects).meta.total
        $projects.Count | Should -Be $total
        ($projects.id | Sort-Object -Unique).Count | Should -Be $total
        @(Get-Requests $standIn).Count | Should -Be ([math]::Ceiling($total / 10) + 1)
        $projects[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmCsProject'
    }

    It 'filters by -Region on the server' {
        $projects = @(Get-AcrBmCsProject -Region us-west-2)
        $projects.region | Sort-Object -Unique | Should -Be 'us-west-2'
        (Get-Requests $standIn)[0].Params.region | Should -Be 'us-west-2'
    }

    It 'returns one project with -ProjectId, and a not-found error for an unknown one' {
        (Get-AcrBmCsProject -ProjectId 1001).name | Should -Be 'Radio Aare'
        Get-AcrBmCsProject -ProjectId 4242 -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
    }
}
