BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $polly7 = Join-Path $packages 'polly/7.2.4/lib/netstandard2.0/Polly.dll'
    $oldPollyCore = Join-Path $packages 'polly.core/8.4.2/lib/netstandard2.0/Polly.Core.dll'

    # Runs in a fresh PowerShell: a request that needs one retry, so the module's Polly really runs.
    $useModule = @"
Add-StandInFault -StandIn `$standIn -Match '/api/bm-cs-projects/1001' -Fault @(@{ kind = 'status'; status = 503 })
Import-Module '$ModulePath'
Connect-AcrCloud -BearerToken '$($standIn.Token)' -BaseUrl '$($standIn.Url)' -BackoffFactor 0
'module=' + (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.name
"@
    $prelude = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$StandInModulePath'
`$standIn = [pscustomobject]@{ Url = '$($standIn.Url)' }
"@
    $usePolly7 = "'polly7=' + [Polly.RetrySyntax]::Retry([Polly.Policy]::Handle[Exception](), 1).Execute([Func[string]] { 'works' })"
    $describePollyCore = "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Polly.Core' } | ForEach-Object { 'pollycore=' + [Diagnostics.FileVersionInfo]::GetVersionInfo(`$_.Location).FileVersion + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).GetType().Name }"
}

AfterAll { $standIn | Stop-AcrCloudStandIn }

Describe 'Living beside other modules'' versions of Polly' {
    It 'works when Polly 7.2.4 was loaded first, and leaves it working' {
        $output = Invoke-FreshPwsh ($prelude + "`nAdd-Type -Path '$polly7'`n" + $useModule + "`n" + $usePolly7)
        $output | Should -Contain 'module=Radio Aare'
        $output | Should -Contain 'polly7=works'
    }

    It 'lets Polly 7.2.4 load and work after it' {
        $output = Invoke-FreshPwsh ($prelude + "`n" + $useModule + "`nAdd-Type -Path '$polly7'`n" + $usePolly7)
        $output | Should -Contain 'module=Radio Aare'
        $output | Should -Contain 'polly7=works'
    }

    It 'does not silently run on an older Polly.Core loaded first' {
        $output = Invoke-FreshPwsh ($prelude + "`nAdd-Type -Path '$oldPollyCore'`n" + $useModule + "`n" + $describePollyCore)
        $output | Should -Contain 'module=Radio Aare'
        $cores = @($output | Where-Object { $_ -like 'pollycore=*' })
        $cores.Count | Should -Be 2
        $cores | Where-Object { $_ -like 'pollycore=8.4.2*' } | Should -BeLike '*@DefaultAssemblyLoadContext'
        $cores | Where-Object { $_ -like 'pollycore=8.9.1*' } | Should -BeLike '*@DependencyLoadContext'
    }

    It 'keeps the engine and its libraries out of the default load context' {
        $output = Invoke-FreshPwsh ($prelude + "`n" + $useModule + "`n" + @'
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'AcrCloud', 'AcrCloud.Engine', 'Polly.Core', 'System.Text.Json' } |
    ForEach-Object { 'assembly=' + $_.GetName().Name + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).GetType().Name } | Sort-Object
'@)
        $output | Should -Contain 'assembly=AcrCloud@DefaultAssemblyLoadContext'
        $output | Should -Contain 'assembly=AcrCloud.Engine@DependencyLoadContext'
        $output | Should -Contain 'assembly=Polly.Core@DependencyLoadContext'
        # PowerShell 7 ships a newer System.Text.Json than ours: the runtime's own copy is used.
        $output | Should -Contain 'assembly=System.Text.Json@DefaultAssemblyLoadContext'
    }
}

Describe 'Import cost' {
    It 'loads no retry or JSON library at import' {
        $output = Invoke-FreshPwsh "Import-Module '$ModulePath'; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -join ','"
        $loaded = ($output -join '') -split ','
        $loaded | Should -Contain 'AcrCloud'
        $loaded | Should -Not -Contain 'AcrCloud.Engine'
        $loaded | Should -Not -Contain 'Polly.Core'
        $loaded | Should -Not -Contain 'Microsoft.Bcl.TimeProvider'
    }
}
