import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { BasicAuthProvider } from '../contexts/BasicAuthContext';

export const metadata: Metadata = {
  title: 'LabMate AI',
  description: 'Your AI lab assistant',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <BasicAuthProvider>{children}</BasicAuthProvider>
      </body>
    </html>
  );
}
