BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
}

AfterAll { Disconnect-AcrCloud -ErrorAction SilentlyContinue }

Describe 'Get-AcrCloudContext' {
    BeforeEach { Disconnect-AcrCloud -ErrorAction SilentlyContinue }

    It 'returns the very connection that Connect-AcrCloud made, and the latest one' {
        $first = Connect-AcrCloud -BearerToken 'x' -BaseUrl 'https://first.invalid' -PassThru
        [object]::ReferenceEquals((Get-AcrCloudContext), $first) | Should -BeTrue
        $second = Connect-AcrCloud -BearerToken 'x' -BaseUrl 'https://second.invalid' -MaxRetries 1 -PassThru
        $context = Get-AcrCloudContext
        [object]::ReferenceEquals($context, $second) | Should -BeTrue
        $context.BaseUrl | Should -Be 'https://second.invalid'
        $context.MaxRetries | Should -Be 1
        @(Get-AcrCloudContext).Count | Should -Be 1
    }

    It 'writes a non-terminating NotConnected error, and nothing else, when not connected' {
        $output = Get-AcrCloudContext -ErrorVariable problems -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'AcrCloud.NotConnected,AcrCloud.PowerShell.Commands.GetAcrCloudContextCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $problems[0].Exception.Message | Should -Match 'Connect-AcrCloud'
    }
}
