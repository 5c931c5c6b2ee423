BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
}

Describe 'The module' {
    It 'imports from the built output with exactly the designed cmdlets' {
        $module = Get-Module AcrCloud
        $module.Path | Should -BeLike '*AcrCloud.dll'
        (Get-Command -Module AcrCloud).Name | Sort-Object | Should -Be @(
            'Connect-AcrCloud', 'ConvertTo-AcrBmCsPlay', 'ConvertTo-AcrCloudJson', 'Disconnect-AcrCloud', 'Export-AcrBmCsPlay', 'Get-AcrBmBdChannel', 'Get-AcrBmBdChannelState',
            'Get-AcrBmBdProject', 'Get-AcrBmBdResult', 'Get-AcrBmCsProject', 'Get-AcrBmCsResult', 'Get-AcrBmCsStream', 'Get-AcrBmCsStreamState',
            'Get-AcrBmCsUnknownResult',
            'Get-AcrCloudContext', 'Import-AcrBmCsResult', 'Invoke-AcrCloudRequest', 'Measure-AcrBmCsPlay', 'New-AcrBmCsProject', 'New-AcrBmCsStream',
            'Remove-AcrBmCsProject', 'Remove-AcrBmCsStream', 'Restart-AcrBmCsStream', 'Save-AcrBmCsRecording', 'Save-AcrBmCsResult', 'Set-AcrBmCsProject', 'Set-AcrBmCsStream',
            'Suspend-AcrBmCsStream')
    }

    It 'declares the output types' {
        (Get-Command Connect-AcrCloud).OutputType.Name | Should -Be 'AcrCloud.PowerShell.AcrCloudConnection'
        (Get-Command Get-AcrBmCsResult).OutputType.Name | Should -Be 'System.Management.Automation.PSObject'
        (Get-Command Save-AcrBmCsResult).OutputType.Name | Should -Be 'AcrCloud.PowerShell.AcrBmCsArchiveDay'
        (Get-Command Import-AcrBmCsResult).OutputType.Name | Should -Be 'System.Management.Automation.PSObject'
    }
}

Describe 'The manifest' {
    BeforeAll { $manifest = Test-ModuleManifest -Path $ModulePath }

    It 'is gallery-ready' {
        $manifest.Version | Should -Be ([version](([xml](Get-Content -Raw (Join-Path $RepositoryRoot 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ }))
        $manifest.Guid | Should -Not -Be ([guid]::Empty)
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.PrivateData.PSData.Tags | Should -Contain 'ACRCloud'
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'exports cmdlets by name only: no wildcards, functions, variables or aliases' {
        $data = Import-PowerShellDataFile $ModulePath
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.CmdletsToExport | ForEach-Object { $_ | Should -Not -Match '\*' }
        $data.FunctionsToExport | Should -BeNullOrEmpty
        $data.VariablesToExport | Should -BeNullOrEmpty
        $data.AliasesToExport | Should -BeNullOrEmpty
        ($data.CmdletsToExport | Sort-Object) | Should -Be ((Get-Command -Module AcrCloud).Name | Sort-Object)
    }

    It 'ships one assembly version, the manifest''s' {
        $version = (Test-ModuleManifest -Path $ModulePath).Version
        [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Split-Path $ModulePath) 'AcrCloud.dll')).Version.ToString(3) | Should -Be $version.ToString(3)
        [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Split-Path $ModulePath) 'Dependencies/AcrCloud.Engine.dll')).Version.ToString(3) | Should -Be $version.ToString(3)
    }

    It 'comes with a licence' {
        Join-Path $RepositoryRoot 'LICENSE' | Should -Exist
    }
}

Describe 'Import and removal' {
    It 'can be removed and imported again in the same session' {
        $script = "Import-Module '$ModulePath'; Remove-Module AcrCloud; Import-Module '$ModulePath'; (Get-Command Get-AcrBmCsResult).Source"
        $output = Invoke-FreshPwsh $script
        $output | Should -Be 'AcrCloud'
    }
}
