# Dot-sourced by Examples.Tests.ps1, both to find the examples at discovery and to test how it finds them.
function Read-DocExample {
    <#
    .SYNOPSIS
    Every ```powershell block of a markdown file, with the marker on the line right above its fence, if any:
      <!-- example: skip (reason) -->       not run: what it needs that the stand-in cannot be (help/README.md)
      <!-- example: error AcrCloud.Id -->    the example shows that error: it must fail with that id, and only it
    #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Root)
    $lines = [IO.File]::ReadAllLines($Path)
    $relative = [IO.Path]::GetRelativePath($Root, $Path) -replace '\\', '/'
    $heading = ''
    for ($i = 0; $i -lt $lines.Count; $i++) {
        # The heading a block is under, for tests that check what one named example gives.
        if ($lines[$i] -match '^#+\s+(\S.*?)\s*$') { $heading = $Matches[1]; continue }
        if ($lines[$i] -match '^```' -and $lines[$i] -notmatch '^```powershell\s*$') {
            # Another language's block: a '#' in it is no heading.
            while (++$i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$') { }
            continue
        }
        if ($lines[$i] -notmatch '^```powershell\s*$') { continue }
        $start = $i
        $code = [Collections.Generic.List[string]]::new()
        while (++$i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$') { $code.Add($lines[$i]) }
        $marker = if ($start -gt 0 -and $lines[$start - 1] -match '^\s*<!--\s*example:\s*(.*?)\s*-->\s*$') { $Matches[1] }
        @{
            Example = "${relative}:$($start + 1)"
            Page    = Split-Path -Leaf $Path
            Heading = $heading
            Code    = $code -join "`n"
            Marker  = $marker
            Skip    = if ($marker -match '^skip \((.+)\)$') { $Matches[1] }
            ErrorId = if ($marker -match '^error (\S+)$') { $Matches[1] }
        }
    }
}
