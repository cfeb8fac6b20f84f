import { isDiffTree, pathOf, type FrameIndex, type FrameTree } from '@flamelens/core';
import {
  announce,
  describeFrame,
  move,
  moveForKey,
  nextMatch,
  resolvePath,
  type DiffColourOptions,
  type PaletteName,
  type ThemeName,
  type ValueFormatter,
  type ViewKind,
  type WidthMode,
} from '@flamelens/renderer';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { frameActionInfo, type FrameAction, type FrameActionInfo } from './frame-actions.ts';
import { FrameMenu } from './FrameMenu.tsx';
import { ancestorAt, searchStatus } from './graph-status.ts';
import { DiffLegend } from './DiffLegend.tsx';
import { DiffOptions } from './DiffOptions.tsx';
import { useDiffSettings, type DiffWidthMode } from './diff-settings.ts';
import { CHROME, rootStyle, visuallyHidden } from './styles.ts';
import { Toolbar } from './Toolbar.tsx';
import { Tooltip } from './Tooltip.tsx';
import { useFocusHistory, type FramePath } from './use-focus-history.ts';
import { usePointer } from './use-pointer.ts';
import { useCanvasSize, useFlameRenderer } from './use-renderer.ts';

/** What a click on a frame reports. */
export interface FrameClickInfo {
  readonly frame: FrameIndex;
  readonly name: string;
  /** Names from the root's child to the frame. */
  readonly path: FramePath;
  readonly event: MouseEvent;
}

export interface FlameGraphProps {
  /** A FrameTree or DiffTree, or a parse result holding one (`{ tree }`); null shows nothing. */
  readonly profile: FrameTree | { readonly tree: FrameTree } | null;
  /** `icicle` (root on top) or `flame` (root at the bottom). Controlled when set; else starts at `defaultView`. */
  readonly view?: ViewKind;
  readonly defaultView?: ViewKind;
  readonly onViewChange?: (view: ViewKind) => void;
  /** Search text; a change of this prop replaces what the search box holds. */
  readonly search?: string;
  readonly onSearchChange?: (text: string) => void;
  /** Search as a regular expression (default substring), case-sensitive (default not). */
  readonly searchMode?: 'substring' | 'regex';
  readonly caseSensitive?: boolean;
  /** The toolbar's regex and case toggles changed (a host keeping them in its URL listens). */
  readonly onSearchModeChange?: (mode: 'substring' | 'regex') => void;
  readonly onCaseSensitiveChange?: (caseSensitive: boolean) => void;
  /** Focused frame as a path of names (root's child first). Controlled when set. */
  readonly focusPath?: FramePath;
  readonly defaultFocusPath?: FramePath;
  readonly onFocusChange?: (path: FramePath, frame: FrameIndex) => void;
  /** Selected frame (keyboard) as a path of names. */
  readonly defaultSelectedPath?: FramePath;
  readonly onSelectionChange?: (path: FramePath | null, frame: FrameIndex) => void;
  readonly onFrameClick?: (info: FrameClickInfo) => void;
  /**
   * Highlights every frame of one function (by exact name; others dimmed, as a search does, and the
   * search box is set aside while it is on). null/undefined = no highlight.
   */
  readonly highlightName?: string | null;
  /**
   * A frame's context menu (right-click, or the Menu key / Shift+F10 on the selection) offers these
   * actions when set; the host turns them into transforms (`transformForAction`) or opens a sandwich.
   */
  readonly onFrameAction?: (action: FrameAction, info: FrameActionInfo) => void;
  /** Called once a tree is laid out and drawn (the previous tree is no longer read: it may be recycled). */
  readonly onTreeShown?: (tree: FrameTree) => void;
  readonly theme?: ThemeName;
  readonly palette?: PaletteName;
  /**
   * Diff trees: colour metric, self/total, saturation point, noise fading. Controlled when set (fields set
   * here win over the built-in controls); the controls report every change through `onDiffChange`.
   */
  readonly diff?: Partial<DiffColourOptions>;
  readonly onDiffChange?: (next: DiffColourOptions) => void;
  /** Bar widths; `auto`: combined for diff trees. Controlled when set; changes reported by `onWidthModeChange`. */
  readonly widthMode?: WidthMode | 'auto';
  readonly onWidthModeChange?: (mode: DiffWidthMode) => void;
  /** Names of the two sides of a diff (tooltip, legend); default the tree's file names. */
  readonly sideNames?: readonly [string, string];
  /** Diff trees: show `<DiffLegend>` above the graph (default true; false when the host places its own). */
  readonly diffLegend?: boolean;
  /** Diff trees: show `<DiffOptions>` in the toolbar (default true). */
  readonly diffOptions?: boolean;
  /**
   * Writes a value with its unit in the tooltip, live region and search figures (default: the tree's
   * unit). For hosts with their own units, e.g. a Grafana panel's Unit and Decimals field options.
   */
  readonly formatValue?: ValueFormatter;
  /** Height of the graph in CSS px; default: the tree's height, at most `maxHeight` (600). */
  readonly height?: number;
  readonly maxHeight?: number;
  /** Show the toolbar (view, history, search). Default true. */
  readonly toolbar?: boolean;
  readonly className?: string;
  readonly style?: CSSProperties;
}

const ROW_HEIGHT = 18;
const MIN_HEIGHT = 3 * ROW_HEIGHT;

/**
 * The interactive flame graph: icicle/flame views, click to focus with back/forward, zoom and pan,
 * search, tooltip, keyboard navigation with a live region. Works with React 18 and 19.
 */
export function FlameGraph(props: FlameGraphProps) {
  const tree = props.profile && 'tree' in props.profile ? props.profile.tree : (props.profile as FrameTree | null);
  const theme = props.theme ?? 'light';
  const chrome = CHROME[theme];
  const [ownView, setOwnView] = useState<ViewKind>(props.defaultView ?? 'icicle');
  const view = props.view ?? ownView;
  const [search, setSearch] = useState(props.search ?? '');
  useEffect(() => setSearch(props.search ?? ''), [props.search]);
  const [regex, setRegexState] = useState(props.searchMode === 'regex');
  const [caseSensitive, setCaseSensitiveState] = useState(!!props.caseSensitive);
  useEffect(() => setRegexState(props.searchMode === 'regex'), [props.searchMode]);
  useEffect(() => setCaseSensitiveState(!!props.caseSensitive), [props.caseSensitive]);
  const setRegex = (on: boolean) => {
    setRegexState(on);
    props.onSearchModeChange?.(on ? 'regex' : 'substring');
  };
  const setCaseSensitive = (on: boolean) => {
    setCaseSensitiveState(on);
    props.onCaseSensitiveChange?.(on);
  };
  const history = useFocusHistory(props.defaultFocusPath ?? []);
  const focusPath = props.focusPath ?? history.current;
  const focus = useMemo(() => (tree ? resolvePath(tree, focusPath) : 0), [tree, focusPath]);
  const [selectedPath, setSelectedPath] = useState<FramePath | null>(props.defaultSelectedPath ?? null);
  const selected = useMemo(() => (tree && selectedPath ? resolvePath(tree, selectedPath) : -1), [tree, selectedPath]);
  // Key repeat can deliver the next arrow before React re-renders: moves start from the latest selection.
  const latestSelected = useRef(selected);
  latestSelected.current = selected;
  const [hover, setHover] = useState<{ frame: FrameIndex; x: number; y: number } | null>(null);
  const scrollY = useRef(0);
  const host = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const helpId = useId();
  const { diff, widthMode, changeDiff, changeWidth } = useDiffSettings(props);
  const highlight = props.highlightName ?? null;
  const query = useMemo(
    () => (highlight !== null ? { text: highlight, mode: 'exact' as const } : { text: search, mode: regex ? ('regex' as const) : ('substring' as const), caseSensitive }),
    [highlight, search, regex, caseSensitive],
  );
  const [menu, setMenu] = useState<{ info: FrameActionInfo; x: number; y: number } | null>(null);

  const { renderer } = useFlameRenderer(
    tree,
    {
      view,
      theme,
      palette: props.palette ?? 'default',
      diff,
      widthMode,
      search: query,
      focus,
      selected,
      hovered: hover?.frame ?? -1,
      scrollY: scrollY.current,
      rowHeight: ROW_HEIGHT,
    },
    host,
  );
  const layout = renderer.layout;
  const content = renderer.contentHeight;
  // From the tree, not its layout: the layout's rows are the tree's depths, and a graph sized before its
  // layout is done would be drawn at another height first (a canvas allocated twice) and jump meanwhile.
  const treeHeight = tree ? (tree.maxDepth + 1) * ROW_HEIGHT : 0;
  const height = props.height ?? Math.max(MIN_HEIGHT, Math.min(treeHeight || MIN_HEIGHT, props.maxHeight ?? 600));
  useCanvasSize(renderer, area, height);
  // Reported once per layout (a new tree, or new widths), not on every render: hosts pass inline callbacks.
  const onTreeShown = useRef(props.onTreeShown);
  onTreeShown.current = props.onTreeShown;
  useEffect(() => {
    if (layout) onTreeShown.current?.(layout.tree);
  }, [layout]);
  const openMenu = (frame: FrameIndex, x: number, y: number) => {
    if (!tree || !props.onFrameAction || frame < 0 || frame >= tree.length) return false;
    setHover(null);
    setMenu({ info: frameActionInfo(tree, frame), x, y });
    return true;
  };
  const onContextMenu = (e: ReactMouseEvent<HTMLDivElement>) => {
    const el = area.current;
    if (!el || !props.onFrameAction) return;
    const canvasRect = renderer.canvas.getBoundingClientRect();
    const frame = renderer.hitTest(e.clientX - canvasRect.left, e.clientY - canvasRect.top);
    if (frame < 0) return;
    e.preventDefault();
    const box = host.current?.parentElement?.parentElement?.getBoundingClientRect() ?? canvasRect;
    openMenu(frame, e.clientX - box.left, e.clientY - box.top);
  };

  /** Scrolls the area so the renderer shows `y` (CSS px from the root's edge). */
  const scrollTo = useCallback(
    (y: number) => {
      const el = area.current;
      const clamped = Math.min(renderer.maxScrollY, Math.max(0, y));
      scrollY.current = clamped;
      renderer.setOptions({ scrollY: clamped });
      if (el) el.scrollTop = view === 'icicle' ? clamped : renderer.maxScrollY - clamped;
    },
    [renderer, view],
  );
  const onScroll = () => {
    const el = area.current;
    if (!el) return;
    const y = view === 'icicle' ? el.scrollTop : renderer.maxScrollY - el.scrollTop;
    scrollY.current = Math.max(0, y);
    renderer.setOptions({ scrollY: scrollY.current });
  };
  // Switching view or laying out a new tree keeps the scroll position measured from the root.
  useLayoutEffect(() => scrollTo(scrollY.current), [scrollTo, layout, height]);
  // A new focus scrolls its row into view with some ancestors above it.
  useLayoutEffect(() => {
    if (layout && focus >= 0) scrollTo(renderer.scrollToShow(layout.tree.depth[focus]!, focus === 0 ? 0 : scrollY.current));
  }, [focus, layout, renderer, scrollTo]);

  const focusOn = (frame: FrameIndex) => {
    if (!tree) return;
    const path = pathOf(tree, frame);
    history.push(path);
    props.onFocusChange?.(path, frame);
    renderer.resetView();
  };
  const goHistory = (step: -1 | 1) => {
    const path = history.peek(step);
    if (!path || !tree) return;
    if (step < 0) history.back();
    else history.forward();
    props.onFocusChange?.(path, resolvePath(tree, path));
    renderer.resetView();
  };
  const select = (frame: FrameIndex) => {
    if (!tree) return;
    const path = frame >= 0 ? pathOf(tree, frame) : null;
    latestSelected.current = frame;
    setSelectedPath(path);
    props.onSelectionChange?.(path, frame);
    if (frame < 0) return;
    renderer.revealFrame(frame);
    scrollTo(renderer.scrollToShow(tree.depth[frame]!, scrollY.current));
  };
  const setView = (v: ViewKind) => {
    setOwnView(v);
    props.onViewChange?.(v);
  };
  const changeSearch = (text: string) => {
    setSearch(text);
    props.onSearchChange?.(text);
  };
  const stepSearch = (direction: 1 | -1) => {
    const mask = renderer.searchMatches;
    if (!tree || !mask) return;
    const next = nextMatch(tree, mask, selected >= 0 ? selected : focus, direction);
    if (next < 0) return;
    focusOn(next);
    select(next);
  };

  usePointer(area, renderer, {
    onHover: (frame, x, y) => setHover((h) => (frame < 0 ? null : h && h.frame === frame && h.x === x && h.y === y ? h : { frame, x, y })),
    onClick: (frame, event) => {
      if (!tree) return;
      area.current?.focus({ preventScroll: true });
      props.onFrameClick?.({ frame, name: tree.names.get(tree.nameId[frame]!), path: pathOf(tree, frame), event });
      select(frame);
      focusOn(frame);
    },
    onDoubleClick: () => focusOn(0),
    onScrollBy: (dy) => scrollTo(scrollY.current + (view === 'icicle' ? dy : -dy)),
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!tree || e.altKey || e.ctrlKey || e.metaKey) return;
    const openMenuOnSelection = (frame: FrameIndex) => {
      const box = renderer.frameBox(frame);
      return openMenu(frame, box ? Math.max(0, box.x) + 8 : 8, (box ? box.y + box.height : 0) + (area.current?.offsetTop ?? 0));
    };
    const direction = moveForKey(e.key, view);
    let handled = true;
    const current = latestSelected.current;
    if (direction) select(current >= 0 ? move(tree, current, direction) : focus);
    else if (e.key === 'Enter') focusOn(current >= 0 ? current : focus);
    else if (e.key === 'Escape') focusOn(0);
    else if (e.key === '/') searchInput.current?.focus();
    else if (e.key === '[') goHistory(-1);
    else if (e.key === ']') goHistory(1);
    else if (e.key === '+' || e.key === '=') renderer.zoomAt(renderer.canvas.clientWidth / 2, 1.5);
    else if (e.key === '-') renderer.zoomAt(renderer.canvas.clientWidth / 2, 1 / 1.5);
    else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) handled = openMenuOnSelection(current >= 0 ? current : focus);
    else handled = false;
    if (handled) e.preventDefault();
  };

  const format = props.formatValue;
  const status = searchStatus(tree, renderer.searchResult, highlight ?? search, highlight !== null, format);
  const noise = renderer.diffNoise;
  const described = useMemo(
    () => (tree && selected >= 0 && selected < tree.length ? announce(describeFrame(tree, selected, diff, noise, format ?? null)) : ''),
    [tree, selected, diff, noise, format],
  );
  const hoveredFrame = hover?.frame ?? -1;
  const hovered = useMemo(
    () => (tree && hoveredFrame >= 0 && hoveredFrame < tree.length ? describeFrame(tree, hoveredFrame, diff, noise, format ?? null) : null),
    [tree, hoveredFrame, diff, noise, format],
  );
  const diffTree = tree && isDiffTree(tree) ? tree : null;
  const showLegend = diffTree !== null && props.diffLegend !== false;

  return (
    <div className={props.className} style={{ ...rootStyle(chrome), colorScheme: theme, ...props.style }} data-testid="flame-graph">
      {props.toolbar !== false && (
        <Toolbar
          colours={chrome}
          view={view}
          onView={setView}
          canBack={history.canGoBack}
          canForward={history.canGoForward}
          onBack={() => goHistory(-1)}
          onForward={() => goHistory(1)}
          onReset={() => focusOn(0)}
          search={search}
          onSearch={changeSearch}
          regex={regex}
          onRegex={setRegex}
          caseSensitive={caseSensitive}
          onCaseSensitive={setCaseSensitive}
          onSearchStep={stepSearch}
          status={status}
          searchInput={searchInput}
          onLeaveSearch={() => area.current?.focus()}
        >
          {diffTree && props.diffOptions !== false && (
            <DiffOptions
              diff={diff}
              onDiffChange={changeDiff}
              widthMode={widthMode === 'total' ? 'auto' : widthMode}
              onWidthModeChange={changeWidth}
              saturation={showLegend ? null : { inForce: renderer.diffSaturation, unit: diffTree.unit }}
              theme={theme}
            />
          )}
        </Toolbar>
      )}
      {diffTree && showLegend && (
        <DiffLegend
          tree={diffTree}
          diff={diff}
          saturation={renderer.diffSaturation}
          noise={noise}
          sideNames={props.sideNames}
          theme={theme}
          onSaturationChange={(saturation) => changeDiff({ ...diff, saturation })}
        />
      )}
      {tree && <Breadcrumbs path={tree ? pathOf(tree, focus) : []} colours={chrome} onSelect={(depth) => focusOn(ancestorAt(tree, focus, depth))} />}
      <div
        ref={area}
        tabIndex={0}
        role="application"
        aria-roledescription="flame graph"
        aria-label="Flame graph"
        aria-describedby={helpId}
        data-testid="flame-area"
        data-focus={focusPath.join(';')}
        data-selected={selectedPath?.join(';')}
        data-highlight={highlight ?? undefined}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
        style={{ position: 'relative', height, overflowY: 'auto', overflowX: 'hidden', outlineOffset: -2, cursor: hover ? 'pointer' : 'default', touchAction: 'none' }}
      >
        <div ref={host} style={{ position: 'sticky', top: 0, height }} />
        {content > height && <div style={{ height: content - height }} />}
        {tree && layout && layout.rootWidth === 0 && (
          <p style={{ position: 'absolute', top: 8, left: 8, margin: 0, color: chrome.muted }}>Nothing to draw: the profile's total is 0.</p>
        )}
      </div>
      {hovered && hover && (
        <Tooltip
          description={hovered}
          x={hover.x}
          y={hover.y + (area.current?.offsetTop ?? 0)}
          colours={chrome}
          bounds={{ width: area.current?.clientWidth ?? 800, height }}
          sideNames={props.sideNames ?? (diffTree ? [diffTree.baselineName ?? 'Baseline', diffTree.comparisonName ?? 'Comparison'] : undefined)}
          fading={diff.fadeNoise && noise?.kind === 'counts'}
        />
      )}
      {menu && (
        <FrameMenu
          info={menu.info}
          x={menu.x}
          y={menu.y}
          colours={chrome}
          onAction={(action, info) => props.onFrameAction?.(action, info)}
          onClose={() => {
            setMenu(null);
            area.current?.focus({ preventScroll: true });
          }}
        />
      )}
      <p id={helpId} style={visuallyHidden}>
        Arrow keys move the selection between parent, child and sibling frames. Enter focuses the selected frame, Escape resets, slash searches, [ and ] go back and forward, the Menu key or Shift+F10 opens the frame's actions.
      </p>
      <div aria-live="polite" data-testid="flame-live" style={visuallyHidden}>
        {described}
      </div>
    </div>
  );
}
