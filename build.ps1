#requires -Version 7.2
<#
.SYNOPSIS
Builds, tests and demonstrates the AcrCloud module.
.DESCRIPTION
Tasks:
  Build  the importable module in out/AcrCloud (manifest, cmdlet assembly and its dependencies).
  Test   Build, then the C# unit tests and the Pester suite; the last line is "N passed, N failed".
  Demo   Build, start the local ACRCloud stand-in, connect, and show one day of plays of two streams.
  StandIn  Build, then run the local ACRCloud stand-in on http://127.0.0.1:5080 until Ctrl+C, to try the module
           without an account (token: test-token).
  Package  Build, then publish the module as a NuGet package into the folder repository out/repository.
  Bench  Build, then time what users do (records read, the monthly report to CSV, JSON of a busy day, the peak
         memory of a streamed export) against the local stand-in, with the module, an Invoke-RestMethod loop and
         (where python3 has requests) a Python reference client, and print one table with the ratios and each
         performance goal met or missed (tests/bench/Invoke-Benchmark.ps1); then the time Import-Module adds to
         a cold start.
Run it on a fresh clone with: dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'StandIn', 'Package', 'Bench')]
    [string] $Task = 'Build',
    # Bench only: smaller workloads for a quick look.
    [switch] $Quick,
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/AcrCloud'
$resultsDir = Join-Path $root 'out/test-results'

function Invoke-Dotnet {
    # Tool output goes to the console, never into a function's return value.
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
}

function Get-ReleaseNotes([string] $Version) {
    # The manifest's release notes are the changelog's top section, which must be the version being built.
    $text = Get-Content -Raw (Join-Path $root 'CHANGELOG.md')
    $match = [regex]::Match($text, '(?ms)^## (?<version>\S+)[^\n]*\n(?<body>.*?)(?=^## |\z)')
    if (-not $match.Success -or $match.Groups['version'].Value -ne $Version) {
        throw "CHANGELOG.md must start with a section '## $Version' (the version in Directory.Build.props)."
    }
    $match.Groups['body'].Value.Trim()
}

function Invoke-BuildTask {
    $publish = Join-Path $root 'obj/publish'
    Remove-Item $publish, $moduleOut -Recurse -Force -ErrorAction Ignore
    Invoke-Dotnet publish (Join-Path $root 'src/AcrCloud.PowerShell/AcrCloud.PowerShell.csproj') -c $Configuration -o $publish --nologo -v quiet
    $dependencies = Join-Path $moduleOut 'Dependencies'
    $null = New-Item -ItemType Directory -Path $moduleOut, $dependencies
    # Only the cmdlet assembly sits in the module root; the engine and the libraries it uses load from Dependencies
    # through the module's own load context. PowerShell itself provides System.Management.Automation: shipping
    # PowerShellStandard's reference copy would break the module.
    foreach ($file in Get-ChildItem $publish -File | Where-Object { $_.Extension -in '.dll', '.pdb' -and $_.BaseName -ne 'System.Management.Automation' }) {
        $file | Copy-Item -Destination ($file.BaseName -eq 'AcrCloud' ? $moduleOut : $dependencies)
    }
    Copy-Item (Join-Path $root 'AcrCloud.types.ps1xml'), (Join-Path $root 'AcrCloud.format.ps1xml'), (Join-Path $root 'LICENSE') -Destination $moduleOut
    $version = Get-ModuleVersion
    $notes = (Get-ReleaseNotes $version) -replace "'", "''"
    $manifest = (Get-Content -Raw (Join-Path $root 'AcrCloud.psd1')) -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$version'"
    $manifest = $manifest -replace "(?m)^(\s*ReleaseNotes\s*=\s*)'[^']*'", { $_.Groups[1].Value + "'" + $notes + "'" }
    Set-Content -Path (Join-Path $moduleOut 'AcrCloud.psd1') -Value $manifest -Encoding utf8NoBOM
    & (Join-Path $root 'tools/Build-Help.ps1') -SourceDirectory (Join-Path $root 'help/en-US') -OutputDirectory (Join-Path $moduleOut 'en-US')
    $checked = Test-ModuleManifest -Path (Join-Path $moduleOut 'AcrCloud.psd1')
    Write-Host "Built AcrCloud $($checked.Version) in $moduleOut"
}

function Invoke-WithPrivateHome([scriptblock] $Action) {
    # PSResourceGet keeps its repository list, and installs, under the user's home: a throw-away one keeps the build
    # from touching the real user's settings. The local PowerShell tool is still found in the real NuGet folder.
    $saved = @{ HOME = $env:HOME; NUGET_PACKAGES = $env:NUGET_PACKAGES; DOTNET_CLI_HOME = $env:DOTNET_CLI_HOME }
    if (-not $env:NUGET_PACKAGES) { $env:NUGET_PACKAGES = Join-Path $HOME '.nuget/packages' }
    if (-not $env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME = $HOME }
    $env:HOME = (New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) ("acrcloud-home-" + [guid]::NewGuid().ToString('n')))).FullName
    # .NET reports no config or data folder at all when it does not exist, and tools then write into the current one.
    $null = New-Item -ItemType Directory -Path (Join-Path $env:HOME '.config'), (Join-Path $env:HOME '.local/share')
    try { & $Action }
    finally {
        Remove-Item $env:HOME -Recurse -Force -ErrorAction Ignore
        $env:HOME = $saved.HOME
        $env:NUGET_PACKAGES = $saved.NUGET_PACKAGES
        $env:DOTNET_CLI_HOME = $saved.DOTNET_CLI_HOME
    }
}

function Invoke-PackageTask {
    Invoke-BuildTask
    $repository = Join-Path $root 'out/repository'
    Remove-Item $repository -Recurse -Force -ErrorAction Ignore
    $null = New-Item -ItemType Directory -Path $repository
    Invoke-WithPrivateHome {
        & dotnet pwsh -NoProfile -NonInteractive -Command "
            `$ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name AcrCloudBuild -Uri '$repository' -Trusted
            Publish-PSResource -Path '$moduleOut' -Repository AcrCloudBuild
        " | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource failed with exit code $LASTEXITCODE." }
    }
    $package = Get-ChildItem $repository -Filter 'AcrCloud.*.nupkg'
    if (-not $package) { throw "No package was written to $repository." }
    Write-Host "Packaged $($package.Name) in $repository"
}

function Build-StandIn {
    Invoke-Dotnet build (Join-Path $root 'tests/AcrCloud.StandIn/AcrCloud.StandIn.csproj') -c Release --nologo -v quiet
}

function Get-PesterManifest {
    Invoke-Dotnet restore (Join-Path $root 'tests/tools/TestTools.csproj') --nologo -v quiet
    $packages = (& dotnet nuget locals global-packages --list | Select-Object -Last 1) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) { throw "Pester 5.7.1 was not restored to $manifest." }
    $manifest
}

function Invoke-UnitTests {
    $trx = Join-Path $resultsDir 'unit.trx'
    & dotnet test (Join-Path $root 'tests/AcrCloud.Tests/AcrCloud.Tests.csproj') -c Release --nologo -v quiet `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    if (-not (Test-Path $trx)) { throw "The unit tests did not run (no $trx)." }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted }
}

function Invoke-PesterTests ([string] $PesterManifest) {
    $summary = Join-Path $resultsDir 'pester-summary.json'
    # A separate process: the suite imports the built module, which must not stay loaded in this build session.
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Invoke-PesterSuite.ps1') `
        -PesterManifest $PesterManifest -ModulePath (Join-Path $moduleOut 'AcrCloud.psd1') -ResultsDirectory $resultsDir -SummaryPath $summary | Out-Host
    if (-not (Test-Path $summary)) { throw 'The Pester suite did not finish.' }
    Get-Content -Raw $summary | ConvertFrom-Json
}

function Invoke-TestTask {
    Invoke-PackageTask
    Build-StandIn
    Remove-Item $resultsDir -Recurse -Force -ErrorAction Ignore
    $null = New-Item -ItemType Directory -Path $resultsDir
    $pester = Get-PesterManifest
    $unit = Invoke-UnitTests
    Write-Host "Unit tests: $($unit.Passed) passed, $($unit.Failed) failed"
    $suite = Invoke-PesterTests $pester
    Write-Host "Pester: $($suite.Passed) passed, $($suite.Failed) failed, $($suite.Skipped) skipped"
    $passed = $unit.Passed + $suite.Passed
    $failed = $unit.Failed + $suite.Failed
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Build-StandIn
    Import-Module (Join-Path $root 'tests/StandIn.psm1') -Force
    $standIn = Start-AcrCloudStandIn
    try {
        Import-Module (Join-Path $moduleOut 'AcrCloud.psd1') -Force
        Write-Host "Local ACRCloud stand-in at $($standIn.Url)`n"
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        $day = [datetime]'2026-11-02'
        $plays = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -Date $day | ConvertTo-AcrBmCsPlay
        Write-Host "$(@($plays).Count) plays on $($day.ToString('yyyy-MM-dd')) (UTC) on two streams of project 1001:"
        $plays | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
        Disconnect-AcrCloud
    }
    finally {
        $standIn | Stop-AcrCloudStandIn
    }
}

function Invoke-StandInTask {
    Invoke-BuildTask
    Build-StandIn
    $manifest = Join-Path $moduleOut 'AcrCloud.psd1'
    Write-Host "In another PowerShell session:`n  Import-Module '$manifest'`n  Connect-AcrCloud -BearerToken test-token -BaseUrl http://127.0.0.1:5080`n  Get-AcrBmCsProject | Get-AcrBmCsStream`nCtrl+C stops the stand-in.`n"
    & dotnet (Join-Path $root 'tests/AcrCloud.StandIn/bin/Release/net10.0/AcrCloud.StandIn.dll') --until-stopped --urls http://127.0.0.1:5080
}

function Invoke-BenchTask {
    Invoke-BuildTask
    Build-StandIn
    $module = Join-Path $moduleOut 'AcrCloud.psd1'
    & (Join-Path $root 'tests/bench/Invoke-Benchmark.ps1') -ModulePath $module -Quick:$Quick
    Write-Host 'What Import-Module AcrCloud adds to a cold pwsh -NoProfile start:'
    & (Join-Path $root 'tests/bench/Measure-Import.ps1') -ModulePath $module | Out-Host
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'StandIn' { Invoke-StandInTask }
    'Package' { Invoke-PackageTask }
    'Bench' { Invoke-BenchTask }
}
