import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

// ECharts is loaded with the first chart, so pages without one never download it
const echartsReady = import('./echarts-setup.js').then((m) => m.echarts);

/**
 * One chart. It is a picture for the eye: `label` says what it shows, and the page puts the same numbers
 * in a table beside it for screen readers and for copying.
 */
export function Chart({ option, label, height = 280 }: { option: EChartsCoreOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: EChartsCoreOption, notMerge?: boolean): void; resize(): void; dispose(): void } | null =
      null;
    const resize = () => chart?.resize();
    void echartsReady.then((echarts) => {
      if (disposed || !box.current) return;
      chart = echarts.getInstanceByDom(box.current) ?? echarts.init(box.current, undefined, { renderer: 'svg' });
      chart.setOption({ animation: false, ...option }, true);
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={box} className="chart" role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
