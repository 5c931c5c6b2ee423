# Starts and stops the local ACRCloud stand-in (tests/AcrCloud.StandIn) for the tests, the demo and the benchmark.
Set-StrictMode -Version 3

$script:StandInDll = Join-Path $PSScriptRoot 'AcrCloud.StandIn/bin/Release/net10.0/AcrCloud.StandIn.dll'

function Start-AcrCloudStandIn {
    <#
    .SYNOPSIS
    Starts the stand-in on free loopback ports and returns its addresses and token.
    .PARAMETER Address
    Loopback addresses to listen on; the first is the main one.
    #>
    [CmdletBinding()]
    param(
        [string[]] $Address = @('127.0.0.1'),
        [string] $Token = 'test-token',
        [int] $DelayMs = 0,
        [string[]] $ExtraArgument = @()
    )
    if (-not (Test-Path $script:StandInDll)) {
        throw "The stand-in is not built: run 'dotnet build tests/AcrCloud.StandIn -c Release' (build.ps1 -Task Test does)."
    }
    $urls = ($Address | ForEach-Object { "http://${_}:0" }) -join ';'
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($script:StandInDll, '--urls', $urls, '--token', $Token, '--delay-ms', "$DelayMs") + $ExtraArgument) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    # Standard input stays open while we run: the stand-in exits when it closes, so it never outlives us.
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $process.BeginErrorReadLine()
    $found = [System.Collections.Generic.List[string]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($found.Count -lt $Address.Count) {
        $read = $process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait([Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)) -or $null -eq $read.Result) {
            if (-not $process.HasExited) { $process.Kill() }
            throw "The stand-in did not report its address within 30 s."
        }
        if ($read.Result -match '^ACRCLOUD_STANDIN_URL=(.+)$') { $found.Add($Matches[1].TrimEnd('/')) }
    }
    # Keep draining its output so a chatty stand-in can never block on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    [pscustomobject]@{
        PSTypeName = 'AcrCloud.StandIn'
        Url        = $found[0]
        Urls       = $found.ToArray()
        Token      = $Token
        Process    = $process
    }
}

function Stop-AcrCloudStandIn {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $StandIn)
    process {
        $process = $StandIn.Process
        if ($process.HasExited) { return }
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(5000)) { $process.Kill() }
        $process.Dispose()
    }
}

function Invoke-StandInControl {
    <#
    .SYNOPSIS
    Calls the stand-in's test control API (/_test/...): faults to script, the request log, reset.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $StandIn,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'Get',
        $Body
    )
    $arguments = @{ Uri = "$($StandIn.Url)/_test/$Path"; Method = $Method }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $arguments.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
        $arguments.ContentType = 'application/json'
    }
    Invoke-RestMethod @arguments
}

function Add-StandInFault {
    <#
    .SYNOPSIS
    Scripts faults for the next requests whose path contains -Match (and, with -Date, whose date equals it).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $StandIn, [Parameter(Mandatory)] [string] $Match, [string] $Date, [Parameter(Mandatory)] [object[]] $Fault)
    $rule = [ordered]@{ match = $Match; faults = $Fault }
    if ($Date) { $rule.date = $Date }
    $null = Invoke-StandInControl -StandIn $StandIn -Path 'faults' -Method Post -Body $rule
}

function Set-StandInRateLimit {
    <#
    .SYNOPSIS
    Lets at most -PerSecond API requests per token through in each second and answers 429 with Retry-After beyond;
    -Off lifts the limit.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $StandIn, [int] $PerSecond, [switch] $Off)
    if ($Off) { $null = Invoke-StandInControl -StandIn $StandIn -Path 'rate-limit' -Method Delete; return }
    $null = Invoke-StandInControl -StandIn $StandIn -Path 'rate-limit' -Method Post -Body @{ perSecond = $PerSecond }
}

function Set-StandInChaos {
    <#
    .SYNOPSIS
    Random faults (503, 429, dropped connections, slow answers, cut bodies) on a -Share of the requests whose path
    contains -Match, from a seeded sequence.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $StandIn, [string] $Match = '', [double] $Share = 0.1, [int] $Seed = 1, [int] $SlowMs = 1500)
    $null = Invoke-StandInControl -StandIn $StandIn -Path 'chaos' -Method Post -Body @{ match = $Match; share = $Share; seed = $Seed; slowMs = $SlowMs }
}

function Get-StandInRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $StandIn)
    Invoke-StandInControl -StandIn $StandIn -Path 'requests' | ForEach-Object { $_ }
}

function Reset-StandIn {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $StandIn)
    $null = Invoke-StandInControl -StandIn $StandIn -Path 'reset' -Method Post
}

Export-ModuleMember -Function Start-AcrCloudStandIn, Stop-AcrCloudStandIn, Invoke-StandInControl, Add-StandInFault, Set-StandInRateLimit, Set-StandInChaos, Get-StandInRequest, Reset-StandIn
