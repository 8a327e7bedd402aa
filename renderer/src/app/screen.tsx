import { ChangesScreen } from '../screens/changes/changes-screen';
import { ClassesScreen } from '../screens/classes/classes-screen';
import { ConnectionsScreen } from '../screens/connections/connections-screen';
import { DashboardScreen } from '../screens/dashboard/dashboard-screen';
import { LicenseScreen } from '../screens/license/license-screen';
import { OldStudentsScreen } from '../screens/students/old-students-screen';
import { ReportsScreen } from '../screens/reports/reports-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';
import { UsersScreen } from '../screens/users/users-screen';
import { WatchScreen } from '../screens/watch/watch-screen';
import { NewYearScreen } from '../screens/new-year/new-year-screen';
import type { RouteId } from '../lib/routes';

export function Screen({ route }: { route: RouteId }) {
  switch (route) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'users':
      return <UsersScreen />;
    case 'classes':
      return <ClassesScreen />;
    case 'license':
      return <LicenseScreen />;
    case 'students':
      return <OldStudentsScreen />;
    case 'changes':
      return <ChangesScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'connections':
      return <ConnectionsScreen />;
    case 'watch':
      return <WatchScreen />;
    case 'year':
      return <NewYearScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
