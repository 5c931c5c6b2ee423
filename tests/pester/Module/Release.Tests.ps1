BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $moduleBase = Split-Path $ModulePath
    $changelog = Get-Content -Raw (Join-Path $RepositoryRoot 'CHANGELOG.md')
    $manifest = Import-PowerShellDataFile $ModulePath
}

Describe 'What a release carries' {
    It 'ships the licence inside the module folder' {
        Join-Path $moduleBase 'LICENSE' | Should -Exist
        Get-Content -Raw (Join-Path $moduleBase 'LICENSE') | Should -Match 'MIT License'
    }

    It 'ships the licence inside the package' {
        $package = Get-ChildItem (Join-Path $RepositoryRoot 'out/repository') -Filter 'AcrCloud.*.nupkg' | Select-Object -First 1
        $package | Should -Not -BeNullOrEmpty
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try { $zip.Entries.FullName | Should -Contain 'LICENSE' }
        finally { $zip.Dispose() }
    }

    It 'takes its release notes from the top section of CHANGELOG.md, for the version it is' {
        $top = [regex]::Match($changelog, '(?ms)^## (?<version>\S+)[^\n]*\n(?<body>.*?)(?=^## |\z)')
        $top.Groups['version'].Value | Should -Be $manifest.ModuleVersion
        $manifest.PrivateData.PSData.ReleaseNotes | Should -BeExactly $top.Groups['body'].Value.Trim()
    }

    It 'names every exported cmdlet in CHANGELOG.md' {
        foreach ($cmdlet in $manifest.CmdletsToExport) {
            $changelog | Should -Match ([regex]::Escape("``$cmdlet``")) -Because "$cmdlet is exported"
        }
    }
}
