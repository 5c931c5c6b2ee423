BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
}

AfterAll { $standIn | Stop-AcrCloudStandIn }

Describe 'Loading and removing the module as a pair' {
    It 'takes its resolver away on Remove-Module, and a re-import works and hooks exactly one again' {
        # A fresh process: this session has the module imported already.
        $output = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$field = [System.Runtime.Loader.AssemblyLoadContext].GetField('_resolving', [Reflection.BindingFlags]'NonPublic,Instance')
function Get-ResolverCount {
    `$handlers = `$field.GetValue([System.Runtime.Loader.AssemblyLoadContext]::Default)
    if (`$handlers) { `$handlers.GetInvocationList().Count } else { 0 }
}
function Test-Registered {
    [AcrCloud.PowerShell.ModuleInitializer].Assembly.GetType('AcrCloud.PowerShell.DependencyLoader').
        GetProperty('IsRegistered', [Reflection.BindingFlags]'NonPublic,Static').GetValue(`$null)
}
`$before = Get-ResolverCount
foreach (`$round in 1, 2) {
    Import-Module '$ModulePath'
    'imported' + `$round + '=' + ((Get-ResolverCount) - `$before) + ',' + (Test-Registered)
    Connect-AcrCloud -BearerToken '$($standIn.Token)' -BaseUrl '$($standIn.Url)'
    'request' + `$round + '=' + (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.name
    Disconnect-AcrCloud
    Remove-Module AcrCloud
    'removed' + `$round + '=' + ((Get-ResolverCount) - `$before) + ',' + (Test-Registered)
}
"@
        $output | Should -Contain 'imported1=1,True'
        $output | Should -Contain 'request1=Radio Aare'
        $output | Should -Contain 'removed1=0,False'
        $output | Should -Contain 'imported2=1,True'
        $output | Should -Contain 'request2=Radio Aare'
        $output | Should -Contain 'removed2=0,False'
    }
}
