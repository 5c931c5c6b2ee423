BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    $ProgressPreference = 'SilentlyContinue'
    # A month of several streams, and the fixture day whose records carry every field a report needs.
    $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik, s-onda-1 -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich -ErrorAction SilentlyContinue)
    $script:month = @($records | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
    # The SUISA layout reports airings: what -MergeConsecutive makes of the same records.
    $script:airings = @($records | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich -MergeConsecutive)
    $script:fixture = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("acr-export-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $script:dir | Out-Null

    # The workbook is read back with the library that wrote it, from the module's own folder.
    $dependencies = Join-Path (Split-Path $ModulePath) 'Dependencies'
    Add-Type -Path (Join-Path $dependencies 'DocumentFormat.OpenXml.Framework.dll'), (Join-Path $dependencies 'DocumentFormat.OpenXml.dll')
    # Each sheet as Name, RowCount, Rows (each a list of cells: Ref, Type, Text, Value, Bold, Fill, Format; only the
    # rows of -Sample when it is given, the others empty), the frozen pane, the filter and the column widths.
    function Read-Workbook([string] $Path, [int[]] $Sample) {
        $doc = [DocumentFormat.OpenXml.Packaging.SpreadsheetDocument]::Open($Path, $false)
        try {
            $book = $doc.WorkbookPart
            $styles = $book.WorkbookStylesPart.Stylesheet
            $formats = @{}
            foreach ($f in $styles.NumberingFormats.ChildElements) { $formats[[int]$f.NumberFormatId.Value] = $f.FormatCode.Value }
            $xfs = @($styles.CellFormats.ChildElements)
            $fonts = @($styles.Fonts.ChildElements)
            $fills = @($styles.Fills.ChildElements)
            foreach ($sheet in $book.Workbook.Sheets.ChildElements) {
                $ws = $book.GetPartById($sheet.Id.Value).Worksheet
                $index = -1
                $rows = foreach ($row in $ws.Descendants[DocumentFormat.OpenXml.Spreadsheet.Row]()) {
                    $index++
                    if ($Sample -and $index -notin $Sample) { , @(); continue }
                    , @(foreach ($cell in $row.ChildElements) {
                            $xf = $xfs[[int]($cell.StyleIndex ? $cell.StyleIndex.Value : 0)]
                            $fill = $fills[[int]$xf.FillId.Value].PatternFill
                            [pscustomobject]@{
                                Ref    = $cell.CellReference.Value
                                Type   = $cell.DataType ? $cell.DataType.InnerText : 'n'
                                Text   = $cell.InnerText
                                Value  = if ($cell.CellValue) { [double]::Parse($cell.CellValue.Text, [cultureinfo]::InvariantCulture) } else { $null }
                                Bold   = $null -ne $fonts[[int]$xf.FontId.Value].Bold
                                Fill   = if ($fill.ForegroundColor) { $fill.ForegroundColor.Rgb.Value } else { $null }
                                Format = $formats[[int]$xf.NumberFormatId.Value]
                            }
                        })
                }
                $pane = $ws.Descendants[DocumentFormat.OpenXml.Spreadsheet.Pane]() | Select-Object -First 1
                [pscustomobject]@{
                    Name   = $sheet.Name.Value
                    RowCount = $index + 1
                    Rows   = @($rows)
                    Frozen = $pane -and $pane.State.InnerText -eq 'frozen' -and $pane.VerticalSplit.Value -eq 1 -and $pane.TopLeftCell.Value -eq 'A2'
                    Filter = ($ws.Descendants[DocumentFormat.OpenXml.Spreadsheet.AutoFilter]() | Select-Object -First 1).Reference.Value
                    Widths = @($ws.Descendants[DocumentFormat.OpenXml.Spreadsheet.Column]() | ForEach-Object { $_.Width.Value })
                }
            }
        }
        finally { $doc.Dispose() }
    }
    # The rows of the first sheet, read as a stream (the whole sheet would not fit a test's patience).
    function Measure-WorkbookRow([string] $Path) {
        $doc = [DocumentFormat.OpenXml.Packaging.SpreadsheetDocument]::Open($Path, $false)
        try {
            $book = $doc.WorkbookPart
            $reader = [DocumentFormat.OpenXml.OpenXmlReader]::Create($book.GetPartById($book.Workbook.Sheets.FirstChild.Id.Value))
            $count = 0
            while ($reader.Read() -and -not ($reader.IsStartElement -and $reader.LocalName -eq 'row')) { }
            if ($reader.LocalName -eq 'row') { do { $count++ } while ($reader.ReadNextSibling()) }
            $reader.Dispose()
            $count
        }
        finally { $doc.Dispose() }
    }
    function Get-Cell($Row, [string] $Column) { $Row | Where-Object { $_.Ref -match "^$Column\d+$" } }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
    Remove-Item -Recurse -Force $script:dir -ErrorAction SilentlyContinue
}

Describe 'Export-AcrBmCsPlay' {
    It 'has a month of rows to export' {
        $month.Count | Should -BeGreaterThan 100
        @($month.StreamId | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It 'writes the default layout as UTF-8 with a BOM, CRLF rows and ISO dates with their offset' {
        $path = Join-Path $dir 'default.csv'
        $file = $month | Export-AcrBmCsPlay -Path $path
        $file | Should -BeOfType ([IO.FileInfo])
        $file.FullName | Should -Be $path
        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $text = [Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3)
        $lines = $text -split "`r`n"
        $lines[-1] | Should -Be ''
        $text.Replace("`r`n", '').Contains("`n") | Should -BeFalse
        $lines[0] | Should -BeExactly ('ProjectId,StreamId,StreamName,StartUtc,EndUtc,StartLocal,UtcOffset,DurationSec,Kind,Title,Artists,Album,Label,' +
            'Isrc,Iswc,Upc,CatalogNumber,Composers,Lyricists,Writers,Genres,Language,ReleaseDate,Acrid,Score')
        $read = @(Import-Csv $path)
        $read.Count | Should -Be $month.Count
        foreach ($i in 0, [int]($month.Count / 2), ($month.Count - 1)) {
            $row = $month[$i]
            $read[$i].StreamId | Should -BeExactly $row.StreamId
            $read[$i].Title | Should -BeExactly $row.Title
            $read[$i].StartUtc | Should -BeExactly ($row.StartUtc.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z')
            $offset = $row.StartLocal - $row.StartUtc
            $sign = if ($offset -lt [timespan]::Zero) { '-' } else { '+' }
            $read[$i].StartLocal | Should -BeExactly ($row.StartLocal.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + $sign + $offset.ToString('hh\:mm'))
            [int]::Parse($read[$i].DurationSec, [cultureinfo]::InvariantCulture) | Should -Be $row.DurationSec
            $read[$i].EndUtc | Should -BeExactly ($row.EndUtc.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z')
            $read[$i].UtcOffset | Should -BeExactly '+01:00'
        }
        # November in Zurich is winter time.
        $read[0].StartLocal | Should -Match '^2026-11-01 \d\d:\d\d:\d\d\+01:00$'
    }

    It 'writes the SUISA layout with its headers, order and cell rules' {
        $path = Join-Path $dir 'radio-aare_2026_11.csv'
        $airings | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
        $header = (Get-Content $path -Encoding utf8 -TotalCount 1)
        $header | Should -BeExactly ('Sender,Titel des Musikwerks,Name des Komponisten,Interpret(en),Sendedatum,Sendedauer,Sendezeit,ISRC,Label,' +
            'Identifikationsnummer,Eigenaufnahmen,EAN / GTIN,Albumtitel / Titel des Tonträgers,Aufnahmedatum,Aufnahmeland,' +
            'Erstveröffentlichungsdatum,Katalog-Nummer / CD ID,Werkverzeichnisangaben,Bestellnummer,Veröffentlichungsland,Liveaufnahme')
        $read = @(Import-Csv $path -Encoding utf8)
        $read.Count | Should -Be $airings.Count
        $i = [int]($airings.Count / 3)
        $row = $airings[$i]
        $cells = $read[$i]
        $cells.Sender | Should -BeExactly 'Radio Aare'
        $cells.'Titel des Musikwerks' | Should -BeExactly $row.Title
        $cells.Sendedatum | Should -BeExactly $row.StartLocal.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
        $cells.Sendezeit | Should -BeExactly $row.StartLocal.ToString('HH:mm:ss', [cultureinfo]::InvariantCulture)
        $cells.Sendedauer | Should -BeExactly ([timespan]::FromSeconds([math]::Round($row.DurationSec)).ToString('hh\:mm\:ss'))
        $cells.Identifikationsnummer | Should -BeExactly ($row.StartUtc.ToString('yyyy-MM-ddTHH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z#acrid=' + $row.Acrid)
        $cells.Eigenaufnahmen | Should -BeExactly 'nein'
        $cells.Aufnahmedatum | Should -BeExactly ''
        $cells.Liveaufnahme | Should -BeExactly ''
        $read.ISRC | Where-Object { $_ } | Should -Match '^[A-Z]{2}[A-Z0-9]{3}\d{7}$'
    }

    It 'reports airings in the SUISA layout: split parts joined, the same song aired again kept apart' {
        $path = Join-Path $dir 'airings.csv'
        $month | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
        $fromRows = Join-Path $dir 'airings-merged.csv'
        $airings | Export-AcrBmCsPlay -Path $fromRows -Layout Suisa -StationName 'Radio Aare' | Out-Null
        (Get-FileHash $path).Hash | Should -Be (Get-FileHash $fromRows).Hash
        # The rows handed in are not changed by the merge (their durations would otherwise have grown).
        ($month | Measure-Object DurationSec -Sum).Sum | Should -Be ($airings | Measure-Object DurationSec -Sum).Sum
        $start = [datetime]::new(2026, 11, 3, 7, 4, 53, [DateTimeKind]::Utc)
        # Two airings of one song, the first split in two by a gap in recognition (15 s after it ended).
        $twice = foreach ($at in 0, 150, 1619) {
            [AcrCloud.PowerShell.AcrBmCsPlay]@{ StreamId = 's'; StartUtc = $start.AddSeconds($at); EndUtc = $start.AddSeconds($at + 135); StartLocal = $start.AddSeconds($at + 3600); UtcOffset = '01:00:00'; DurationSec = 135; Title = 'Paper Lanterns'; Acrid = 'p1' }
        }
        $path = Join-Path $dir 'twice.csv'
        $twice | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName X | Out-Null
        $read = @(Import-Csv $path -Encoding utf8)
        $read.Sendezeit | Should -Be @('08:04:53', '08:31:52')
        $read.Sendedauer | Should -Be @('00:04:30', '00:02:15')
        $twice.DurationSec | Should -Be @(135, 135, 135)
    }

    It 'takes the works database''s writers when the composers are missing or repeat the artists, and the CD id' {
        $start = [datetime]::new(2026, 11, 3, 7, 0, 0, [DateTimeKind]::Utc)
        $rows = @(
            [AcrCloud.PowerShell.AcrBmCsPlay]@{ StartUtc = $start; StartLocal = $start; DurationSec = 10; Title = 'a'; Artists = 'Nora'; Composers = 'Nora'; Writers = 'KELLER MIRA; RITTER JONAS'; CatalogNumber = 'GR-0042'; Acrid = 'x1' }
            [AcrCloud.PowerShell.AcrBmCsPlay]@{ StartUtc = $start.AddHours(1); StartLocal = $start; Title = 'b'; Artists = 'Nora'; Writers = 'ODER EVA'; Acrid = 'x2' }
            [AcrCloud.PowerShell.AcrBmCsPlay]@{ StartUtc = $start.AddHours(2); StartLocal = $start; Title = 'c'; Artists = 'Nora'; Composers = 'Mira Keller'; Writers = 'ODER EVA'; Acrid = 'x3' }
        )
        $path = Join-Path $dir 'writers.csv'
        $rows | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName X | Out-Null
        $read = @(Import-Csv $path -Encoding utf8)
        $read.'Name des Komponisten' | Should -Be @('KELLER MIRA, RITTER JONAS', 'ODER EVA', 'Mira Keller')
        $read[0].'Katalog-Nummer / CD ID' | Should -BeExactly 'GR-0042'
        # A row without a duration has an empty one, not 00:00:00.
        $read[1].Sendedauer | Should -BeExactly ''
    }

    It 'cleans ISRCs, joins names with commas and keeps only full release dates' {
        $path = Join-Path $dir 'fixture.csv'
        $fixture | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
        $first = @(Import-Csv $path -Encoding utf8)[0]
        $first.ISRC | Should -BeExactly 'CHA011900123'
        $first.'Name des Komponisten' | Should -BeExactly 'Mira Keller, Jonas Ritter'
        $first.'Interpret(en)' | Should -BeExactly 'Mira Keller, The Aare Collective'
        $first.'EAN / GTIN' | Should -BeExactly '0602577123456'
        $first.'Albumtitel / Titel des Tonträgers' | Should -BeExactly 'Gleisfeld'
        $first.'Erstveröffentlichungsdatum' | Should -BeExactly '20190412'
        $first.Sendedatum | Should -BeExactly '2024-03-01'
        $first.Sendezeit | Should -BeExactly '23:58:41'
        $first.Sendedauer | Should -BeExactly '00:03:07'
        $first.Identifikationsnummer | Should -BeExactly '2024-03-01T22:58:41Z#acrid=3f9c2e7a1b0d4c58a6e2f1d9b7c40a12'
        $fixture | Where-Object ReleaseDate -Match '^\d{4}$' | ForEach-Object {
            $at = [array]::IndexOf($fixture, $_)
            @(Import-Csv $path -Encoding utf8)[$at].'Erstveröffentlichungsdatum' | Should -BeExactly ''
        }
    }

    It 'writes the SUISA layout as a workbook: bold frozen header with fills, filter, widths, date cells, a day sheet' {
        $path = Join-Path $dir 'radio-aare_2026_11.xlsx'
        $file = $airings | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare'
        $file.FullName | Should -Be $path
        $i = [int]($airings.Count / 3)
        $sheets = @(Read-Workbook $path -Sample 0, 1, ($i + 1))
        $sheets.Name | Should -Be @('Sendemeldung', 'Days')
        $plays = $sheets[0]
        $plays.RowCount | Should -Be ($airings.Count + 1)
        $header = $plays.Rows[0]
        ($header | ForEach-Object Text) -join ',' | Should -BeExactly ('Sender,Titel des Musikwerks,Name des Komponisten,Interpret(en),Sendedatum,Sendedauer,Sendezeit,ISRC,Label,' +
            'Identifikationsnummer,Eigenaufnahmen,EAN / GTIN,Albumtitel / Titel des Tonträgers,Aufnahmedatum,Aufnahmeland,' +
            'Erstveröffentlichungsdatum,Katalog-Nummer / CD ID,Werkverzeichnisangaben,Bestellnummer,Veröffentlichungsland,Liveaufnahme')
        $header | ForEach-Object { $_.Bold | Should -BeTrue }
        @($header[0..10].Fill | Sort-Object -Unique) | Should -Be @('FFBFBFBF')
        @($header[11..18].Fill | Sort-Object -Unique) | Should -Be @('FFEBF1DE')
        $header[19].Fill | Should -BeNullOrEmpty
        $header[20].Fill | Should -BeNullOrEmpty
        $plays.Frozen | Should -BeTrue
        $plays.Filter | Should -Be "A1:U$($airings.Count + 1)"
        $plays.Widths.Count | Should -Be 21
        # Fitted: the traceable id is far wider than the constant "nein".
        $plays.Widths[9] | Should -BeGreaterThan 40
        $plays.Widths[9] | Should -BeGreaterThan ($plays.Widths[10] + 20)

        $row = $airings[$i]
        $cells = $plays.Rows[$i + 1]
        (Get-Cell $cells A).Text | Should -BeExactly 'Radio Aare'
        (Get-Cell $cells B).Text | Should -BeExactly $row.Title
        $date = Get-Cell $cells E
        $date.Type | Should -Be 'n'
        $date.Format | Should -Be 'dd.mm.yyyy'
        [datetime]::FromOADate($date.Value) | Should -Be $row.StartLocal.Date
        $duration = Get-Cell $cells F
        $duration.Type | Should -Be 'n'
        [math]::Round($duration.Value * 86400) | Should -Be ([math]::Round($row.DurationSec))
        $time = Get-Cell $cells G
        [timespan]::FromDays($time.Value).ToString('hh\:mm\:ss') | Should -Be $row.StartLocal.ToString('HH:mm:ss', [cultureinfo]::InvariantCulture)
        (Get-Cell $cells J).Text | Should -BeExactly ($row.StartUtc.ToString('yyyy-MM-ddTHH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z#acrid=' + $row.Acrid)

        $days = $sheets[1]
        $expected = @($airings | Group-Object { $_.StartLocal.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) } | Sort-Object Name)
        $days.RowCount | Should -Be ($expected.Count + 1)
        ($days.Rows[0] | ForEach-Object Text) | Should -Be @('Day', 'Plays', 'AirtimeSec', 'Airtime', 'Tracks', 'First', 'Last', 'Share')
        $days.Frozen | Should -BeTrue
        $first = $days.Rows[1]
        [datetime]::FromOADate((Get-Cell $first A).Value) | Should -Be $expected[0].Group[0].StartLocal.Date
        (Get-Cell $first B).Value | Should -Be $expected[0].Count
        (Get-Cell $first C).Value | Should -Be ($expected[0].Group | Measure-Object DurationSec -Sum).Sum
    }

    It 'writes the release date as a date cell and leaves a bare year out' {
        $path = Join-Path $dir 'fixture.xlsx'
        $fixture | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
        $rows = (Read-Workbook $path)[0].Rows
        $released = Get-Cell $rows[1] P
        $released.Format | Should -Be 'dd.mm.yyyy'
        [datetime]::FromOADate($released.Value) | Should -Be ([datetime]'2019-04-12')
        Get-Cell $rows[3] P | Should -BeNullOrEmpty
        (Get-Cell $rows[1] H).Text | Should -BeExactly 'CHA011900123'
    }

    It 'writes the default layout as a workbook with date-time cells and durations as numbers' {
        $path = Join-Path $dir 'default.xlsx'
        $month | Export-AcrBmCsPlay -Path $path | Out-Null
        $sheets = @(Read-Workbook $path -Sample 0, $month.Count)
        $sheets.Name | Should -Be @('Plays')
        $sheets[0].RowCount | Should -Be ($month.Count + 1)
        $rows = $sheets[0].Rows
        $rows[0][0].Text | Should -Be 'ProjectId'
        $rows[0][0].Fill | Should -BeNullOrEmpty
        $rows[0][0].Bold | Should -BeTrue
        $last = $rows[-1]
        $row = $month[-1]
        $start = Get-Cell $last D
        $start.Format | Should -Be 'yyyy-mm-dd hh:mm:ss'
        [datetime]::FromOADate($start.Value) | Should -Be ([datetime]::SpecifyKind($row.StartUtc, 'Unspecified'))
        [datetime]::FromOADate((Get-Cell $last F).Value) | Should -Be $row.StartLocal
        (Get-Cell $last G).Text | Should -BeExactly '+01:00'
        (Get-Cell $last H).Value | Should -Be $row.DurationSec
        (Get-Cell $last A).Value | Should -Be $row.ProjectId
    }

    It 'writes the same cells under de-CH, en-US and ja-JP' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            $texts = foreach ($name in 'de-CH', 'en-US', 'ja-JP') {
                [cultureinfo]::CurrentCulture = [cultureinfo]::new($name)
                $path = Join-Path $dir "culture-$name.xlsx"
                $fixture | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
                [cultureinfo]::CurrentCulture = $saved
                ((Read-Workbook $path) | ForEach-Object { $_.Rows | ForEach-Object { ($_ | ForEach-Object { $_.Ref + '=' + $_.Text }) -join '|' } }) -join "`n"
            }
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
        @($texts | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'leaves the previous workbook untouched and no temporary file when the pipeline fails' {
        $path = Join-Path $dir 'kept.xlsx'
        Set-Content -Path $path -Value 'previous report'
        $n = 0
        { $month | ForEach-Object { if (++$n -eq 50) { throw 'interrupted' }; $_ } | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName X } | Should -Throw '*interrupted*'
        Get-Content $path | Should -BeExactly 'previous report'
        @(Get-ChildItem -Force $dir -Filter '*.tmp').Count | Should -Be 0
    }

    It 'writes a workbook in bounded memory: ten times the rows, the same peak' {
        # Each size in a fresh process, so that its peak working set is its own; one row object, changed and sent
        # again, so that only the export's memory can grow.
        $peaks = foreach ($count in 5000, 50000) {
            $path = Join-Path $dir "big-$count.xlsx"
            $output = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$p = [AcrCloud.PowerShell.AcrBmCsPlay]@{ ProjectId = 1; StreamId = 's1'; DurationSec = 187; Title = 'Nachtzug nach Bern'; Artists = 'Mira Keller; The Aare Collective'; Isrc = 'CHA011900123'; Acrid = 'a' }
`$start = [datetime]::new(2026, 11, 1, 0, 0, 0, [DateTimeKind]::Utc)
& { for (`$i = 0; `$i -lt $count; `$i++) { `$p.StartUtc = `$start.AddSeconds(`$i); `$p.StartLocal = `$p.StartUtc.AddHours(1); `$p } } |
    Export-AcrBmCsPlay -Path '$path' -Layout Suisa -StationName 'Radio X' | Out-Null
'peak=' + [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
"@
            $line = $output | Where-Object { "$_" -like 'peak=*' }
            $line | Should -Not -BeNullOrEmpty -Because ($output -join "`n")
            Measure-WorkbookRow $path | Should -Be ($count + 1)
            [long]("$line".Substring(5))
        }
        # Held in memory, these rows would take about 100 MB more (as the zip update mode of System.IO.Packaging did).
        ($peaks[1] - $peaks[0]) / 1MB | Should -BeLessThan 40
    }

    It 'writes the same bytes under de-CH, en-US and ja-JP' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            $hashes = foreach ($name in 'de-CH', 'en-US', 'ja-JP') {
                [cultureinfo]::CurrentCulture = [cultureinfo]::new($name)
                $path = Join-Path $dir "culture-$name.csv"
                $month | Export-AcrBmCsPlay -Path $path | Out-Null
                (Get-FileHash $path).Hash
                $path = Join-Path $dir "culture-suisa-$name.csv"
                $month | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
                'suisa:' + (Get-FileHash $path).Hash
            }
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
        @($hashes | Sort-Object -Unique).Count | Should -Be 2
    }

    It 'uses -Delimiter and quotes a cell that holds it' {
        $path = Join-Path $dir 'semicolon.csv'
        $fixture | Export-AcrBmCsPlay -Path $path -Delimiter ';' | Out-Null
        (Get-Content $path -TotalCount 1) | Should -BeLike 'ProjectId;StreamId;StreamName;StartUtc;*'
        (Get-Content $path -Raw) | Should -Match '"Mira Keller; The Aare Collective"'
        $read = @(Import-Csv $path -Delimiter ';')
        $read.Count | Should -Be $fixture.Count
        $read[0].Artists | Should -BeExactly 'Mira Keller; The Aare Collective'
    }

    It 'leaves the previous file untouched and no temporary file when the pipeline fails' {
        $path = Join-Path $dir 'kept.csv'
        Set-Content -Path $path -Value 'previous report'
        $n = 0
        { $month | ForEach-Object { if (++$n -eq 50) { throw 'interrupted' }; $_ } | Export-AcrBmCsPlay -Path $path } | Should -Throw '*interrupted*'
        Get-Content $path | Should -BeExactly 'previous report'
        @(Get-ChildItem -Force $dir -Filter '*.tmp').Count | Should -Be 0
    }

    It 'refuses to overwrite with -NoClobber and writes nothing with -WhatIf' {
        $path = Join-Path $dir 'noclobber.csv'
        Set-Content -Path $path -Value 'previous report'
        { $fixture | Export-AcrBmCsPlay -Path $path -NoClobber } | Should -Throw -ErrorId 'AcrCloud.FileExists,AcrCloud.PowerShell.Commands.ExportAcrBmCsPlayCommand'
        Get-Content $path | Should -BeExactly 'previous report'
        $fixture | Export-AcrBmCsPlay -Path $path -WhatIf | Should -BeNullOrEmpty
        Get-Content $path | Should -BeExactly 'previous report'
        $fixture | Export-AcrBmCsPlay -Path (Join-Path $dir 'whatif.csv') -WhatIf
        Join-Path $dir 'whatif.csv' | Should -Not -Exist
        @(Get-ChildItem -Force $dir -Filter '*.tmp').Count | Should -Be 0
    }

    It 'overwrites a read-only file only with -Force' {
        $path = Join-Path $dir 'readonly.csv'
        Set-Content -Path $path -Value 'previous report'
        (Get-Item $path).IsReadOnly = $true
        { $fixture | Export-AcrBmCsPlay -Path $path } | Should -Throw -ErrorId 'AcrCloud.FileReadOnly,*'
        Get-Content $path | Should -BeExactly 'previous report'
        $fixture | Export-AcrBmCsPlay -Path $path -Force | Out-Null
        @(Import-Csv $path).Count | Should -Be $fixture.Count
    }

    It 'refuses a folder that does not exist before any row is read, naming it, and creates nothing' {
        $missing = Join-Path $dir 'no-such-folder'
        # A hashtable, because the script blocks below run in scopes of their own.
        $read = @{ Count = 0 }
        $failure = { $fixture | ForEach-Object { $read.Count++; $_ } | Export-AcrBmCsPlay -Path (Join-Path $missing 'report.csv') } | Should -Throw -ErrorId 'AcrCloud.FolderNotFound,*' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.Exception.Message | Should -BeLike "*$missing*"
        $read.Count | Should -Be 0
        $missing | Should -Not -Exist
        # A relative file name goes to the current folder, which always exists.
        Push-Location $dir
        try { $fixture | Export-AcrBmCsPlay -Path 'relative.csv' | Should -Not -BeNullOrEmpty }
        finally { Pop-Location }
    }

    It 'needs -StationName for the SUISA layout and a .csv or .xlsx path' {
        { $fixture | Export-AcrBmCsPlay -Path (Join-Path $dir 'x.csv') -Layout Suisa } | Should -Throw -ErrorId 'AcrCloud.StationNameRequired,*'
        { $fixture | Export-AcrBmCsPlay -Path (Join-Path $dir 'x.txt') } | Should -Throw -ErrorId 'AcrCloud.UnsupportedReportFormat,*'
        Join-Path $dir 'x.csv' | Should -Not -Exist
    }
}
