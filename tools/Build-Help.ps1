#requires -Version 7.2
<#
.SYNOPSIS
Compiles the module's markdown help into the files Get-Help reads: <Assembly>.dll-Help.xml (MAML) and about_*.help.txt.
.DESCRIPTION
The markdown layout is described in help/README.md. Every cmdlet page must have exactly the sections SYNOPSIS,
DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS, in that order; a page that does not
parse stops the build with an error naming the file and line.

The syntax blocks are not written by hand: they come from the built module, which must be in the folder above
-OutputDirectory (Get-Help only finds a module's help in its culture folder, so that is where the output belongs
anyway). The module is imported in a background job, so it is never loaded into the calling session.
.EXAMPLE
./tools/Build-Help.ps1 -SourceDirectory ./help/en-US -OutputDirectory ./out/AcrCloud/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SourceDirectory,
    [Parameter(Mandatory)] [string] $OutputDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$SectionNames = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
# Get-Help shows these for ShouldProcess cmdlets the way built-in help does, without every page repeating them.
$StandardParameters = [ordered]@{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$Namespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

#region Markdown

function Stop-Parsing([string] $File, [int] $Line, [string] $Message) {
    throw "${File}:${Line}: $Message"
}

# A markdown file as numbered lines, so every error can point at its line.
function Read-MarkdownLines([string] $Path) {
    $number = 0
    foreach ($text in [IO.File]::ReadAllLines($Path)) {
        [pscustomobject]@{ Number = ++$number; Text = $text }
    }
}

# Splits lines at headings of one level; a '#' inside a code fence is a PowerShell comment, not a heading.
# Text before the first heading is an error, unless -KeepPreamble returns it as a section without a title.
function Split-Heading([object[]] $Lines, [int] $Level, [string] $File, [int] $StartLine, [switch] $KeepPreamble) {
    $marker = '#' * $Level
    $sections = [Collections.Generic.List[object]]::new()
    $sections.Add([pscustomobject]@{ Title = ''; Line = $StartLine; Body = [Collections.Generic.List[object]]::new() })
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line.Text -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.Text -match "^$marker\s+(\S.*?)\s*$") {
            $sections.Add([pscustomobject]@{ Title = $Matches[1]; Line = $line.Number; Body = [Collections.Generic.List[object]]::new() })
        }
        else { $sections[-1].Body.Add($line) }
    }
    if ($inFence) { Stop-Parsing $File $StartLine 'a code fence (```) is never closed.' }
    $stray = @($sections[0].Body | Where-Object { $_.Text.Trim() })
    if ($stray -and -not $KeepPreamble) { Stop-Parsing $File $stray[0].Number "text before the first '$marker' heading: '$($stray[0].Text.Trim())'." }
    if (-not $stray) { $sections.RemoveAt(0) }
    , $sections
}

# Paragraphs, list items and fenced code blocks, in order.
function Split-Block([object[]] $Lines) {
    $blocks = [Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in $Lines) {
        $text = $line.Text
        if ($current -and $current.Kind -eq 'Code') {
            if ($text -match '^\s*```\s*$') { $current = $null } else { $current.Lines.Add($text) }
            continue
        }
        # A line that is one HTML comment, such as an example's marker for the test suite (help/README.md), is for
        # readers of the markdown source only.
        if ($text -match '^\s*<!--.*-->\s*$') { continue }
        if ($text -match '^\s*```\s*(\S*)\s*$') {
            $current = [pscustomobject]@{ Kind = 'Code'; Language = $Matches[1]; Line = $line.Number; Lines = [Collections.Generic.List[string]]::new() }
            $blocks.Add($current)
        }
        elseif (-not $text.Trim()) { $current = $null }
        elseif ($text -match '^\s*([-*]|\d+\.)\s+(.*)$') {
            $current = [pscustomobject]@{ Kind = 'Item'; Marker = $Matches[1]; Line = $line.Number; Lines = [Collections.Generic.List[string]]::new() }
            $current.Lines.Add($Matches[2])
            $blocks.Add($current)
        }
        elseif ($current) { $current.Lines.Add($text.Trim()) }
        else {
            $current = [pscustomobject]@{ Kind = 'Text'; Line = $line.Number; Lines = [Collections.Generic.List[string]]::new() }
            $current.Lines.Add($text.Trim())
            $blocks.Add($current)
        }
    }
    , $blocks
}

# Plain text for Get-Help: code spans, emphasis and links lose their markup; absolute link targets are kept.
function ConvertFrom-Inline([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)')
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\([^)]*\)', '$1')
    $Text = [regex]::Replace($Text, '\*\*(.+?)\*\*', '$1')
    $Text -replace '`', ''
}

# What a block says, as one string: code keeps its lines, prose is one line.
function Get-BlockText($Block) {
    switch ($Block.Kind) {
        'Code' { $Block.Lines -join "`n" }
        'Item' { "$($Block.Marker) " + (ConvertFrom-Inline ($Block.Lines -join ' ')) }
        default { ConvertFrom-Inline ($Block.Lines -join ' ') }
    }
}

# A list is one paragraph, an item a line, so that Get-Help does not space its items apart.
function Get-Paragraph([object[]] $Lines) {
    $list = [Collections.Generic.List[string]]::new()
    foreach ($block in (Split-Block $Lines)) {
        if ($block.Kind -eq 'Item') { $list.Add((Get-BlockText $block)); continue }
        if ($list.Count) { $list -join "`n"; $list.Clear() }
        Get-BlockText $block
    }
    if ($list.Count) { $list -join "`n" }
}

function Read-TypeSection($Section, [string] $File) {
    foreach ($entry in (Split-Heading $Section.Body 3 $File $Section.Line)) {
        [pscustomobject]@{ Name = $entry.Title -replace '`', ''; Description = @(Get-Paragraph $entry.Body) }
    }
}

function Read-CommandPage([string] $Path) {
    $file = Split-Path -Leaf $Path
    $name = [IO.Path]::GetFileNameWithoutExtension($Path)
    $top = Split-Heading @(Read-MarkdownLines $Path) 1 $file 1
    if ($top.Count -ne 1 -or $top[0].Title -ne $name) { Stop-Parsing $file 1 "the page must have exactly one '# $name' heading." }
    $sections = Split-Heading $top[0].Body 2 $file $top[0].Line
    $titles = @($sections | ForEach-Object Title)
    if (($titles -join '|') -cne ($SectionNames -join '|')) {
        Stop-Parsing $file $top[0].Line "the sections must be exactly: $($SectionNames -join ', '); found: $($titles -join ', ')."
    }
    $section = @{}
    foreach ($s in $sections) { $section[$s.Title] = $s }

    $examples = foreach ($entry in (Split-Heading $section['EXAMPLES'].Body 3 $file $section['EXAMPLES'].Line)) {
        if ($entry.Title -notmatch '^Example \d+: \S') { Stop-Parsing $file $entry.Line "an example heading must read '### Example N: title'." }
        $blocks = Split-Block $entry.Body
        # The first code block is the example; any later one (such as its output) is shown with the remarks.
        $code = @($blocks | Where-Object Kind -EQ 'Code' | Select-Object -First 1)
        if (-not $code -or -not ($code[0].Lines -join '').Trim()) { Stop-Parsing $file $entry.Line 'an example needs a code block.' }
        [pscustomobject]@{
            Title   = $entry.Title
            Code    = Get-BlockText $code[0]
            Remarks = @($blocks | Where-Object { $_ -ne $code[0] } | ForEach-Object { Get-BlockText $_ })
        }
    }

    $parameters = foreach ($entry in (Split-Heading $section['PARAMETERS'].Body 3 $file $section['PARAMETERS'].Line)) {
        # Get-Help writes its own CommonParameters paragraph; the page has one only for readers of the markdown.
        if ($entry.Title -eq 'CommonParameters') { continue }
        if ($entry.Title -notmatch '^-(\w+)$') { Stop-Parsing $file $entry.Line "a parameter heading must read '### -Name' or '### CommonParameters'." }
        $parameterName = $Matches[1]
        $blocks = Split-Block $entry.Body
        # Type, aliases, position, pipeline input, accepted values and defaults come from the code, never from the page.
        if ($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' }) {
            Stop-Parsing $file $entry.Line "-$parameterName has a yaml block: remove it. Its type, aliases, position, pipeline input, accepted values and default are taken from the code (a default from [PSDefaultValue(Help = ...)])."
        }
        $description = @($blocks | ForEach-Object { Get-BlockText $_ })
        if (-not $description) { Stop-Parsing $file $entry.Line "-$parameterName has no description." }
        [pscustomobject]@{ Name = $parameterName; Description = $description }
    }

    $links = foreach ($block in (Split-Block $section['RELATED LINKS'].Body)) {
        $text = $block.Lines -join ' '
        if ($block.Kind -eq 'Code' -or $text -notmatch '^\[([^\]]+)\]\(([^)]*)\)$') {
            Stop-Parsing $file $block.Line "a related link must be a line like '[Get-AcrBmCsResult](Get-AcrBmCsResult.md)'."
        }
        [pscustomobject]@{ Text = $Matches[1]; Uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' } }
    }

    $synopsis = @(Get-Paragraph $section['SYNOPSIS'].Body)
    if (-not $synopsis) { Stop-Parsing $file $section['SYNOPSIS'].Line 'the synopsis is empty.' }
    $description = @(Get-Paragraph $section['DESCRIPTION'].Body)
    if (-not $description) { Stop-Parsing $file $section['DESCRIPTION'].Line 'the description is empty.' }
    $inputs = @(Read-TypeSection $section['INPUTS'] $file)
    $outputs = @(Read-TypeSection $section['OUTPUTS'] $file)
    if (-not $inputs) { Stop-Parsing $file $section['INPUTS'].Line "INPUTS needs at least one '### TypeName' (or '### None')." }
    if (-not $outputs) { Stop-Parsing $file $section['OUTPUTS'].Line "OUTPUTS needs at least one '### TypeName' (or '### None')." }

    [pscustomobject]@{
        Name        = $name
        Synopsis    = $synopsis -join ' '
        Description = $description
        Examples    = @($examples)
        Parameters  = @($parameters)
        Inputs      = $inputs
        Outputs     = $outputs
        Notes       = @(Get-Paragraph $section['NOTES'].Body)
        Links       = @($links)
    }
}

# The text of parameters that several cmdlets share (-Connection, -MaxRetries, ...), written once: '### -Name'
# headings, each with its description, used for every page that does not describe the parameter itself.
function Read-SharedParameters([string] $Path) {
    $shared = @{}
    if (-not (Test-Path -LiteralPath $Path)) { return $shared }
    $file = Split-Path -Leaf $Path
    $top = Split-Heading @(Read-MarkdownLines $Path) 1 $file 1
    foreach ($entry in (Split-Heading $top[0].Body 3 $file $top[0].Line -KeepPreamble)) {
        if (-not $entry.Title) { continue }
        if ($entry.Title -notmatch '^-(\w+)$') { Stop-Parsing $file $entry.Line "a shared parameter heading must read '### -Name'." }
        $description = @(Split-Block $entry.Body | ForEach-Object { Get-BlockText $_ })
        if (-not $description) { Stop-Parsing $file $entry.Line "-$($Matches[1]) has no description." }
        $shared[$Matches[1]] = $description
    }
    $shared
}

#endregion

#region The module's own parameter metadata

# The cmdlets' parameter sets, read in a job: a separate process, because a module loaded into the build session
# would keep its files locked on Windows and the next build could not replace them.
function Get-CommandShape([string] $ModuleDirectory) {
    $manifests = @(Get-ChildItem -LiteralPath $ModuleDirectory -Filter *.psd1 -File -ErrorAction Ignore)
    if ($manifests.Count -ne 1) {
        throw "Expected the built module's manifest in '$ModuleDirectory' (the folder above -OutputDirectory), found $($manifests.Count) .psd1 files."
    }
    $json = Start-Job -ArgumentList $manifests[0].FullName -ScriptBlock {
        param($Manifest)
        $ErrorActionPreference = 'Stop'
        $module = Import-Module -Name $Manifest -PassThru
        $skip = [Management.Automation.Cmdlet]::CommonParameters
        $commands = foreach ($cmdlet in $module.ExportedCmdlets.Values) {
            $sets = foreach ($set in $cmdlet.ParameterSets) {
                $parameters = foreach ($p in $set.Parameters | Where-Object Name -NotIn $skip) {
                    $type = $p.ParameterType
                    $type = if ([Nullable]::GetUnderlyingType($type)) { [Nullable]::GetUnderlyingType($type) } else { $type }
                    $accepted = @($p.Attributes | Where-Object { $_ -is [ValidateSet] } | ForEach-Object ValidValues)
                    if (-not $accepted -and $type.IsEnum) { $accepted = [enum]::GetNames($type) }
                    $default = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] } | ForEach-Object { if ($_.Help) { $_.Help } else { "$($_.Value)" } })
                    [pscustomobject]@{
                        Name           = $p.Name
                        Aliases        = @($p.Aliases)
                        Default        = if ($default) { $default[0] } elseif ($type -eq [switch]) { 'False' } else { 'None' }
                        TypeName       = $type.Name
                        Accepted       = $accepted
                        IsSwitch       = $type -eq [switch]
                        IsMandatory    = $p.IsMandatory
                        Position       = $p.Position
                        ByValue        = $p.ValueFromPipeline
                        ByPropertyName = $p.ValueFromPipelineByPropertyName
                    }
                }
                # Positional parameters first, by position, as Get-Command -Syntax shows them.
                [pscustomobject]@{ Name = $set.Name; Parameters = @($parameters | Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }) }
            }
            [pscustomobject]@{ Name = $cmdlet.Name; Verb = $cmdlet.Verb; Noun = $cmdlet.Noun; Sets = @($sets) }
        }
        # JSON, so that nothing is cut short by the job's serialisation depth.
        ConvertTo-Json -Depth 8 -Compress -InputObject ([pscustomobject]@{ HelpFile = "$(Split-Path -Leaf $module.Path)-Help.xml"; Commands = @($commands) })
    } | Receive-Job -Wait -AutoRemoveJob
    $json | ConvertFrom-Json
}

function Get-ParameterName($Shape) {
    @($Shape.Sets | ForEach-Object Parameters | ForEach-Object Name | Select-Object -Unique)
}

# One parameter's facts for the PARAMETERS section: the first set that has it, as the Pester suite checks that every
# set agrees.
function Get-ParameterShape($Shape, [string] $Name) {
    $Shape.Sets | ForEach-Object Parameters | Where-Object Name -EQ $Name | Select-Object -First 1
}

#endregion

#region MAML

function Write-Para([Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    foreach ($text in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $Namespaces.maml, $text) }
}

function Write-Description([Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', $Namespaces.maml)
    Write-Para $Writer $Paragraphs
    $Writer.WriteEndElement()
}

function Write-Parameter([Xml.XmlWriter] $Writer, [hashtable] $Attributes, [string] $Name, [string] $TypeName, [bool] $IsSwitch,
    [string[]] $Description, [string] $DefaultValue, [string[]] $AcceptedValues) {
    $Writer.WriteStartElement('command', 'parameter', $Namespaces.command)
    foreach ($key in 'required', 'variableLength', 'globbing', 'pipelineInput', 'position', 'aliases') {
        $Writer.WriteAttributeString($key, $Attributes[$key])
    }
    $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $Name)
    if ($Description) { Write-Description $Writer $Description }
    # Get-Help writes these as {A | B | C} in the syntax.
    if ($AcceptedValues) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $Namespaces.command)
        foreach ($value in $AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $Namespaces.command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    # A switch has no value, so Get-Help writes it as [-Name] rather than [-Name <SwitchParameter>].
    if (-not $IsSwitch) {
        $Writer.WriteStartElement('command', 'parameterValue', $Namespaces.command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($TypeName)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $Namespaces.dev)
    $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $TypeName)
    $Writer.WriteEndElement()
    if ($DefaultValue) { $Writer.WriteElementString('dev', 'defaultValue', $Namespaces.dev, $DefaultValue) }
    $Writer.WriteEndElement()
}

function Get-PipelineInputText($Parameter) {
    $kinds = @(if ($Parameter.ByValue) { 'ByValue' }; if ($Parameter.ByPropertyName) { 'ByPropertyName' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-TypeList([Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, [object[]] $Types) {
    $Writer.WriteStartElement('command', $ListName, $Namespaces.command)
    foreach ($type in $Types) {
        $Writer.WriteStartElement('command', $ItemName, $Namespaces.command)
        $Writer.WriteStartElement('dev', 'type', $Namespaces.dev)
        $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $type.Name)
        $Writer.WriteEndElement()
        Write-Description $Writer $type.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command([Xml.XmlWriter] $Writer, $Page, $Shape) {
    $Writer.WriteStartElement('command', 'command', $Namespaces.command)
    $Writer.WriteStartElement('command', 'details', $Namespaces.command)
    $Writer.WriteElementString('command', 'name', $Namespaces.command, $Page.Name)
    $Writer.WriteElementString('command', 'verb', $Namespaces.command, $Shape.Verb)
    $Writer.WriteElementString('command', 'noun', $Namespaces.command, $Shape.Noun)
    Write-Description $Writer $Page.Synopsis
    $Writer.WriteEndElement()
    Write-Description $Writer $Page.Description

    $documented = @{}
    foreach ($p in $Page.Parameters) { $documented[$p.Name] = $p }
    $Writer.WriteStartElement('command', 'syntax', $Namespaces.command)
    foreach ($set in $Shape.Sets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $Namespaces.command)
        $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $Page.Name)
        foreach ($p in $set.Parameters) {
            $attributes = @{
                required = "$($p.IsMandatory)".ToLowerInvariant(); variableLength = 'true'; globbing = 'false'
                pipelineInput = Get-PipelineInputText $p; position = if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }; aliases = 'none'
            }
            Write-Parameter $Writer $attributes $p.Name $p.TypeName $p.IsSwitch @() '' $p.Accepted
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $Namespaces.command)
    $inCode = Get-ParameterName $Shape
    $described = @($Page.Parameters) + @($inCode | Where-Object { -not $documented.ContainsKey($_) -and $SharedParameters.ContainsKey($_) } |
            ForEach-Object { [pscustomobject]@{ Name = $_; Description = $SharedParameters[$_] } })
    foreach ($p in $described) {
        $code = Get-ParameterShape $Shape $p.Name
        $attributes = @{
            required = "$($code.IsMandatory)".ToLowerInvariant(); variableLength = 'true'; globbing = 'false'
            pipelineInput = Get-PipelineInputText $code; position = if ($code.Position -ge 0) { "$($code.Position)" } else { 'named' }
            aliases = if ($code.Aliases) { $code.Aliases -join ', ' } else { 'none' }
        }
        Write-Parameter $Writer $attributes $p.Name $code.TypeName $code.IsSwitch $p.Description $code.Default $code.Accepted
    }
    foreach ($name in $StandardParameters.Keys | Where-Object { $_ -in $inCode -and -not $documented.ContainsKey($_) }) {
        $attributes = @{ required = 'false'; variableLength = 'true'; globbing = 'false'; pipelineInput = 'False'; position = 'named'; aliases = 'none' }
        Write-Parameter $Writer $attributes $name 'SwitchParameter' $true $StandardParameters[$name] 'False' @()
    }
    $Writer.WriteEndElement()

    Write-TypeList $Writer 'inputTypes' 'inputType' $Page.Inputs
    Write-TypeList $Writer 'returnValues' 'returnValue' $Page.Outputs
    $Writer.WriteStartElement('maml', 'alertSet', $Namespaces.maml)
    $Writer.WriteStartElement('maml', 'alert', $Namespaces.maml)
    Write-Para $Writer $Page.Notes
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $Namespaces.command)
    foreach ($example in $Page.Examples) {
        $Writer.WriteStartElement('command', 'example', $Namespaces.command)
        $Writer.WriteElementString('maml', 'title', $Namespaces.maml, "---------- $($example.Title) ----------")
        $Writer.WriteElementString('dev', 'code', $Namespaces.dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $Namespaces.dev)
        # The empty paragraph keeps a blank line between one example's remarks and the next title.
        Write-Para $Writer ($example.Remarks + '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('maml', 'relatedLinks', $Namespaces.maml)
    foreach ($link in $Page.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $Namespaces.maml)
        $Writer.WriteElementString('maml', 'linkText', $Namespaces.maml, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $Namespaces.maml, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

#endregion

#region About topics

# Wraps prose to the 80 columns about topics have always used; a first-line prefix such as '- ' hangs.
function Format-Wrapped([string] $Text, [int] $Indent, [string] $Prefix = '') {
    $lines = [Collections.Generic.List[string]]::new()
    $line = (' ' * $Indent) + $Prefix
    $empty = $true
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt 80) {
            $lines.Add($line)
            $line = ' ' * ($Indent + $Prefix.Length)
            $empty = $true
        }
        $line += $(if ($empty) { $word } else { " $word" })
        $empty = $false
    }
    $lines.Add($line)
    $lines
}

function ConvertTo-AboutText([string] $Path) {
    $file = Split-Path -Leaf $Path
    $name = $file -replace '\.help\.md$', ''
    $top = Split-Heading @(Read-MarkdownLines $Path) 1 $file 1
    if ($top.Count -ne 1 -or $top[0].Title -ne $name) { Stop-Parsing $file 1 "the topic must have exactly one '# $name' heading." }
    $sections = Split-Heading $top[0].Body 2 $file $top[0].Line
    if ($sections.Count -lt 2 -or $sections[0].Title -ne 'SHORT DESCRIPTION' -or $sections[1].Title -ne 'LONG DESCRIPTION') {
        Stop-Parsing $file $top[0].Line "an about topic starts with the sections '## SHORT DESCRIPTION' and '## LONG DESCRIPTION'."
    }
    $out = [Collections.Generic.List[string]]::new()
    $out.AddRange([string[]]('TOPIC', "    $name", ''))
    foreach ($section in $sections) {
        $out.Add($section.Title.ToUpperInvariant())
        foreach ($part in (Split-Heading $section.Body 3 $file $section.Line -KeepPreamble)) {
            if ($part.Title) {
                $title = ConvertFrom-Inline $part.Title
                $out.AddRange([string[]]("    $title", "    $('-' * $title.Length)"))
            }
            $previous = ''
            foreach ($block in (Split-Block $part.Body)) {
                # Text starts right under its heading; list items stay together; everything else is set apart by a blank line.
                if ($previous -and -not ($block.Kind -eq 'Item' -and $previous -eq 'Item')) { $out.Add('') }
                $lines = switch ($block.Kind) {
                    'Code' { $block.Lines | ForEach-Object { if ($_) { "        $_" } else { '' } } }
                    'Item' { Format-Wrapped (ConvertFrom-Inline ($block.Lines -join ' ')) 4 "$($block.Marker) " }
                    default { Format-Wrapped (ConvertFrom-Inline ($block.Lines -join ' ')) 4 }
                }
                $out.AddRange([string[]]@($lines))
                $previous = $block.Kind
            }
            $out.Add('')
        }
    }
    ($out -join "`n").TrimEnd() + "`n"
}

#endregion

$SourceDirectory = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($SourceDirectory)
$OutputDirectory = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputDirectory)
if (-not (Test-Path -LiteralPath $SourceDirectory -PathType Container)) { throw "No help sources at '$SourceDirectory'." }

$shape = Get-CommandShape (Split-Path -Parent $OutputDirectory)
# A misnamed about topic (about_X.md) is read as a cmdlet page, so it fails loudly instead of being left out.
$pageFiles = @(Get-ChildItem -LiteralPath $SourceDirectory -Filter *.md -File | Where-Object Name -NotLike 'about_*.help.md' | Sort-Object Name)
$aboutFiles = @(Get-ChildItem -LiteralPath $SourceDirectory -Filter 'about_*.help.md' -File | Sort-Object Name)
$pages = @(foreach ($file in $pageFiles) { Read-CommandPage $file.FullName })

$SharedParameters = Read-SharedParameters (Join-Path $SourceDirectory 'Shared/Parameters.md')

# A page for a cmdlet the module does not have, or a parameter described nowhere, stops the build; a page or a
# parameter described on a page that the code no longer has only warns, and the Pester suite fails on it.
$exported = @($shape.Commands | ForEach-Object Name)
foreach ($page in $pages | Where-Object Name -NotIn $exported) { throw "$($page.Name).md documents a cmdlet the module does not export." }
foreach ($name in $exported | Where-Object { $_ -notin @($pages | ForEach-Object Name) }) { Write-Warning "$name has no help page in $SourceDirectory." }
foreach ($page in $pages) {
    $inCode = Get-ParameterName ($shape.Commands | Where-Object Name -EQ $page.Name)
    $inPage = @($page.Parameters | ForEach-Object Name)
    foreach ($name in $inPage | Where-Object { $_ -notin $inCode }) { Write-Warning "$($page.Name).md documents -$name, which the cmdlet does not have." }
    foreach ($name in $inCode | Where-Object { $_ -notin $inPage -and $_ -notin $StandardParameters.Keys -and -not $SharedParameters.ContainsKey($_) }) {
        throw "$($page.Name).md does not describe -$name, and help/en-US/Shared/Parameters.md has no shared text for it."
    }
}

$null = New-Item -ItemType Directory -Path $OutputDirectory -Force
$mamlPath = Join-Path $OutputDirectory $shape.HelpFile
$settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
$writer = [Xml.XmlWriter]::Create($mamlPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($prefix in 'maml', 'command', 'dev') { $writer.WriteAttributeString('xmlns', $prefix, $null, $Namespaces[$prefix]) }
    foreach ($page in $pages) { Write-Command $writer $page ($shape.Commands | Where-Object Name -EQ $page.Name) }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }
Write-Verbose "Wrote $mamlPath ($($pages.Count) cmdlets)."

foreach ($file in $aboutFiles) {
    $target = Join-Path $OutputDirectory ($file.Name -replace '\.md$', '.txt')
    # With a byte order mark, so that Windows PowerShell 5.1 does not read the UTF-8 text as ANSI.
    [IO.File]::WriteAllText($target, (ConvertTo-AboutText $file.FullName), [Text.UTF8Encoding]::new($true))
    Write-Verbose "Wrote $target."
}
