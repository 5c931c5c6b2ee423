# Dot-sourced by every test file's BeforeAll (the files sit one folder below this one): the built module and the
# stand-in's commands. Paths here are relative to this file, so a test file never counts folders up to the root.
$ErrorActionPreference = 'Stop'
$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:StandInModulePath = Join-Path $script:RepositoryRoot 'tests/StandIn.psm1'
$script:ModulePath = if ($env:ACRCLOUD_TEST_MODULE) { $env:ACRCLOUD_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/AcrCloud/AcrCloud.psd1' }
Import-Module $script:StandInModulePath -Force
Import-Module $script:ModulePath -Force
$script:FixturePath = Join-Path $PSScriptRoot '../fixtures/result-records.json'

function script:Get-Requests {
    # The stand-in's log of API calls, each with its query parsed into a hashtable.
    param($StandIn)
    foreach ($request in Get-StandInRequest -StandIn $StandIn) {
        $query = @{}
        foreach ($pair in ($request.query -replace '^\?', '' -split '&' | Where-Object { $_ })) {
            $name, $value = $pair -split '=', 2
            $query[[uri]::UnescapeDataString($name)] = [uri]::UnescapeDataString($value)
        }
        $request | Add-Member -NotePropertyName Params -NotePropertyValue $query -PassThru
    }
}

function script:ConvertTo-ApiJson {
    # A result record as the API's JSON: the record without what the module adds (ProjectId, StreamId, StreamName, TimeZone).
    process { $_ | Select-Object -Property * -ExcludeProperty ProjectId, StreamId, StreamName, TimeZone | ConvertTo-Json -Depth 50 -Compress }
}

function script:Invoke-FreshPwsh([string] $Command) {
    # A new PowerShell process (the repository's local tool), for what must not share this session's state.
    Push-Location $script:RepositoryRoot
    try { & dotnet pwsh -NoProfile -NonInteractive -Command $Command 2>&1 }
    finally { Pop-Location }
}

function script:Get-Writes {
    # What the stand-in was sent besides reads: the requests that change something, with their bodies.
    param($StandIn = $standIn)
    @(Get-StandInRequest -StandIn $StandIn | Where-Object method -ne GET)
}
