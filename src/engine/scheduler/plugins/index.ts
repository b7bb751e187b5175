/** The default profile's plugins, in the order the framework runs them. */
import type { FilterPlugin, ScorePlugin } from '../types';
import { balancedAllocation } from './balancedAllocation';
import { imageLocality } from './imageLocality';
import { nodeAffinityFilter, nodeAffinityScore } from './nodeAffinity';
import { nodeName } from './nodeName';
import { nodePorts } from './nodePorts';
import { nodeResourcesFitFilter, nodeResourcesFitScore } from './nodeResourcesFit';
import { nodeUnschedulable } from './nodeUnschedulable';
import { taintTolerationFilter, taintTolerationScore } from './taintToleration';
import { volumeBindingFilter } from './volumeBinding';

export const DEFAULT_FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintTolerationFilter, nodeAffinityFilter, nodePorts, nodeResourcesFitFilter, volumeBindingFilter];
export const DEFAULT_SCORES: ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, nodeResourcesFitScore, balancedAllocation, imageLocality];
