BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'The base URL' {
    BeforeEach {
        Disconnect-AcrCloud -ErrorAction SilentlyContinue
        Reset-StandIn -StandIn $standIn
    }

    It 'refuses user info and never prints the password' {
        $url = $standIn.Url -replace '^http://', 'http://user:s3cr3t-pw@'
        $thrown = { Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $url -Verbose } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidBaseUrl,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -Match 'user name or password'
        ($thrown | Format-List * -Force | Out-String) + $thrown.TargetObject + $thrown.ErrorDetails | Should -Not -Match 's3cr3t-pw'
        Get-AcrCloudContext -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses a query or fragment instead of dropping it' {
        { Connect-AcrCloud -BearerToken x -BaseUrl 'https://eu-api-v2.acrcloud.com/?region=eu' } | Should -Throw -ErrorId 'AcrCloud.InvalidBaseUrl,*'
        { Connect-AcrCloud -BearerToken x -BaseUrl 'https://eu-api-v2.acrcloud.com/#x' } | Should -Throw -ErrorId 'AcrCloud.InvalidBaseUrl,*'
    }

    It 'accepts a base URL that ends in /api' {
        (Connect-AcrCloud -BearerToken x -BaseUrl 'https://eu-api-v2.acrcloud.com/api/' -PassThru).BaseUrl | Should -Be 'https://eu-api-v2.acrcloud.com'
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl "$($standIn.Url)/api"
        (Get-AcrBmCsProject -ProjectId 1002).name | Should -Be 'Onda Sud'
        (Get-Requests $standIn).path | Should -Be '/api/bm-cs-projects/1002'
    }

    It 'names the base URL when a 404 is for a path the API does not know' {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        $thrown = { Invoke-AcrCloudRequest /api/bm-cs-nothing } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        $thrown.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("-BaseUrl $($standIn.Url)"))
        $missing = { Get-AcrBmCsProject -ProjectId 999999 -ErrorAction Stop } | Should -Throw -PassThru
        $missing.ErrorDetails.RecommendedAction | Should -Match '-ProjectId'
    }
}

Describe 'Connections and the module' {
    It 'closes and forgets the session''s connections when the module is removed' {
        $script = @"
Import-Module '$ModulePath'
Connect-AcrCloud -BearerToken '$($standIn.Token)' -BaseUrl '$($standIn.Url)'
`$kept = Connect-AcrCloud -BearerToken '$($standIn.Token)' -BaseUrl '$($standIn.Url)' -PassThru
`$before = (Get-AcrBmCsProject -ProjectId 1002).name
Remove-Module AcrCloud
Import-Module '$ModulePath'
`$after = try { Get-AcrBmCsProject -ProjectId 1002 -ErrorAction Stop; 'still connected' } catch { `$_.FullyQualifiedErrorId }
`$passThru = try { Get-AcrBmCsProject -ProjectId 1002 -Connection `$kept -ErrorAction Stop; 'still open' } catch { `$_.FullyQualifiedErrorId }
"`$before|`$after|`$passThru|`$(`$kept.IsOpen)"
"@
        Invoke-FreshPwsh $script | Select-Object -Last 1 | Should -BeLike 'Onda Sud|AcrCloud.NotConnected,*|AcrCloud.ConnectionClosed,*|False'
    }

    It 'says that a connection cannot cross into Start-Job' {
        $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -PassThru
        $job = Start-Job { Import-Module $using:ModulePath; Get-AcrBmCsProject -ProjectId 1002 -Connection $using:connection }
        try {
            $null = $job | Wait-Job -Timeout 120
            $problem = $job | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable problems
            $problem | Should -BeNullOrEmpty
            "$($problems[0])" | Should -Match 'cannot cross a process boundary'
            "$($problems[0])" | Should -Match 'Connect-AcrCloud'
        }
        finally { $job | Remove-Job -Force }
    }
}
