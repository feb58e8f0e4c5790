import type { Metadata } from 'next';
import { HydrationMarker } from '@/components/hydration-marker';
import { Providers } from '@/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'StreamFlow Churn', template: '%s · StreamFlow Churn' },
  description: 'Churn model tracking, serving, monitoring, fairness and ROI for StreamFlow.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
        <HydrationMarker />
      </body>
    </html>
  );
}
