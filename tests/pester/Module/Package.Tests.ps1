BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $repository = Join-Path $RepositoryRoot 'out/repository'
}

Describe 'The package' {
    It 'exists (build.ps1 -Task Package, run by -Task Test)' {
        Get-ChildItem $repository -Filter 'AcrCloud.*.nupkg' | Should -Not -BeNullOrEmpty
    }

    It 'installs with Install-PSResource and imports by name from the module path' {
        # A throw-away home: PSResourceGet's settings and the user module path both live under it; the local
        # PowerShell tool itself is still found in the real NuGet folder.
        $sandbox = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home')).FullName
        # .NET reports no config or data folder at all when it does not exist, and tools then write into the current one.
        $null = New-Item -ItemType Directory -Path (Join-Path $sandbox '.config'), (Join-Path $sandbox '.local/share')
        $saved = @{ HOME = $env:HOME; NUGET_PACKAGES = $env:NUGET_PACKAGES; DOTNET_CLI_HOME = $env:DOTNET_CLI_HOME }
        if (-not $env:NUGET_PACKAGES) { $env:NUGET_PACKAGES = Join-Path $HOME '.nuget/packages' }
        if (-not $env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME = $HOME }
        $env:HOME = $sandbox
        try {
            $output = Invoke-FreshPwsh "
                `$ErrorActionPreference = 'Stop'
                Register-PSResourceRepository -Name AcrCloudTest -Uri '$((Resolve-Path $repository).Path)' -Trusted
                Install-PSResource -Name AcrCloud -Repository AcrCloudTest -Scope CurrentUser -TrustRepository
                Import-Module AcrCloud
                `$module = Get-Module AcrCloud
                'base=' + `$module.ModuleBase
                'version=' + `$module.Version
                'cmdlets=' + ((Get-Command -Module AcrCloud).Name -join ',')
                Connect-AcrCloud -BearerToken x -BaseUrl https://example.invalid
                'context=' + (Get-AcrCloudContext).BaseUrl
            "
        }
        finally {
            $env:HOME = $saved.HOME
            $env:NUGET_PACKAGES = $saved.NUGET_PACKAGES
            $env:DOTNET_CLI_HOME = $saved.DOTNET_CLI_HOME
        }
        $text = $output -join "`n"
        $text | Should -Match ([regex]::Escape("base=$sandbox"))
        $text | Should -Match "version=$((Test-ModuleManifest $ModulePath).Version)"
        $text | Should -Match 'cmdlets=.*Get-AcrBmCsResult'
        $text | Should -Match 'context=https://example.invalid'
    }
}
