"""ParaView view of a Fig. 2 film run: the metal (cells holding any metal, threshold on the
metal fraction) over the temperature on the x–z plane through the electrodes (y = W/2), as in
PH Fig. 2a–b.

    filament run geometries/ca2ruo4-fig2a-square.toml --out out/fig2a
    xvfb-run -a pvpython paraview/fig2_film.py out/fig2a docs/figures/paraview-fig2a.png

pvpython needs a display; on a machine without one, run it under `xvfb-run -a`. Open the same
pipeline by hand in ParaView: open fields.vtr, Threshold on "metal_fraction [1]" above 1e-9,
Slice with normal (0, 1, 0) at y = W/2 coloured by "T [K]".
"""
import sys

from paraview.simple import (ColorBy, CreateView, GetColorTransferFunction, GetScalarBar, Outline, Render,
                             SaveScreenshot, Show, Slice, Threshold, XMLRectilinearGridReader)

METAL = "metal_fraction [1]"
TEMPERATURE = "T [K]"


def film_view(run_folder, png, size=(1200, 700)):
    """Builds the view of `run_folder/fields.vtr` and saves it to `png`; returns the metal and
    slice datasets' cell counts (for checks)."""
    fields = XMLRectilinearGridReader(FileName=[f"{run_folder}/fields.vtr"])
    fields.UpdatePipeline()
    (x0, x1, y0, y1, z0, z1) = fields.GetDataInformation().GetBounds()

    metal = Threshold(Input=fields, Scalars=["CELLS", METAL])
    if hasattr(metal, "LowerThreshold"):  # ParaView ≥ 5.10
        metal.LowerThreshold, metal.UpperThreshold = 1e-9, 1.0
    else:
        metal.ThresholdRange = [1e-9, 1.0]
    metal.UpdatePipeline()

    cut = Slice(Input=fields)
    cut.SliceType = "Plane"
    cut.SliceType.Origin = [0.5 * (x0 + x1), 0.5 * (y0 + y1), 0.5 * (z0 + z1)]
    cut.SliceType.Normal = [0, 1, 0]
    cut.UpdatePipeline()

    view = CreateView("RenderView")
    view.ViewSize = list(size)
    view.Background = [1, 1, 1]
    if hasattr(view, "UseColorPaletteForBackground"):
        view.UseColorPaletteForBackground = 0
    view.OrientationAxesVisibility = 1
    outline = Show(Outline(Input=fields), view)
    outline.DiffuseColor = outline.AmbientColor = [0.2, 0.2, 0.2]
    cut_display = Show(cut, view)
    ColorBy(cut_display, ("CELLS", TEMPERATURE))
    temperature = GetColorTransferFunction(TEMPERATURE)
    temperature.ApplyPreset("Inferno (matplotlib)", True)
    bar = GetScalarBar(temperature, view)
    bar.Title, bar.ComponentTitle = TEMPERATURE, ""
    bar.TitleColor = bar.LabelColor = [0, 0, 0]
    cut_display.SetScalarBarVisibility(view, True)
    metal_display = Show(metal, view)
    ColorBy(metal_display, None)
    metal_display.DiffuseColor = metal_display.AmbientColor = [0.2, 0.6, 1.0]
    metal_display.Opacity = 0.55

    # Looking at the x–z plane from −y, a little from above, the film stretched 3× in z.
    for display in (outline, cut_display, metal_display):
        display.Scale = [1, 1, 3]
    cx, cy, cz = 0.5 * (x0 + x1), 0.5 * (y0 + y1), 1.5 * (z0 + z1)
    span = max(x1 - x0, y1 - y0)
    view.CameraFocalPoint = [cx, cy, cz]
    view.CameraPosition = [cx - 0.35 * span, cy - 2.2 * span, cz + 1.0 * span]
    view.CameraViewUp = [0, 0, 1]
    view.CameraParallelProjection = 0
    Render(view)
    view.ResetCamera()
    view.CameraPosition = [cx - 0.35 * span, cy - 2.2 * span, cz + 1.0 * span]
    Render(view)
    SaveScreenshot(png, view, ImageResolution=list(size))
    return (metal.GetDataInformation().GetNumberOfCells(), cut.GetDataInformation().GetNumberOfCells())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: pvpython paraview/fig2_film.py RUN_FOLDER OUTPUT.png")
    metal_cells, slice_cells = film_view(sys.argv[1], sys.argv[2])
    print(f"metal cells {metal_cells}, slice cells {slice_cells}, wrote {sys.argv[2]}")
