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

Describe 'The boundary between the cmdlets and their libraries' {
    It 'shows PowerShell no engine or third-party type (Polly, System.Text.Json, OpenXml) in a public signature' {
        $assembly = [AcrCloud.PowerShell.ModuleInitializer].Assembly
        $foreign = foreach ($type in $assembly.GetExportedTypes()) {
            $used = @($type.BaseType) + @(foreach ($member in $type.GetMembers([Reflection.BindingFlags]'Public,Instance,Static,DeclaredOnly')) {
                    if ($member -is [Reflection.PropertyInfo]) { $member.PropertyType }
                    elseif ($member -is [Reflection.FieldInfo]) { $member.FieldType }
                    elseif ($member -is [Reflection.MethodBase]) {
                        $member.GetParameters().ParameterType
                        if ($member -is [Reflection.MethodInfo]) { $member.ReturnType }
                    }
                })
            $used | Where-Object { $_ } | ForEach-Object { $_.IsGenericType ? @($_) + $_.GetGenericArguments() : $_ } |
                Where-Object { $_.Assembly -ne $assembly -and $_.Assembly.GetName().Name -notmatch '^(System|mscorlib|netstandard)' } |
                ForEach-Object { "$($type.FullName) uses $($_.FullName)" }
        }
        $foreign | Should -BeNullOrEmpty
    }
}
